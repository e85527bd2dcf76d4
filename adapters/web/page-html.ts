/** The playground's HTML shell: the layout the client script fills in. No inline script or style (strict CSP). */
export const PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>Troupe playground</title>
<link rel="stylesheet" href="/assets/app.css">
<script type="module" src="/assets/app.js"></script>
</head>
<body>
<div class="app">
  <aside class="sidebar" id="sidebar" aria-label="Panels and threads">
    <header class="brand"><span class="logo" aria-hidden="true">◐</span> Troupe <span class="badge">synthetic</span></header>
    <section><h2>Panels</h2><ul id="panels" class="list"></ul></section>
    <section><h2>Threads</h2><ul id="threads" class="list"></ul></section>
  </aside>
  <main class="channel" aria-label="Channel">
    <header class="bar">
      <button type="button" id="menu" class="icon" aria-label="Panels and threads">☰</button>
      <h1># playground</h1><span class="hint">Synthetic personas — simulated people, not real respondents</span>
    </header>
    <div id="channel" class="messages" aria-live="polite"></div>
    <form id="channel-composer" class="composer" autocomplete="off"></form>
  </main>
  <section class="thread" id="thread" aria-label="Thread" hidden>
    <header class="bar"><h1 id="thread-title">Thread</h1>
      <button type="button" id="thread-close" class="icon" aria-label="Close thread (Esc)">✕</button></header>
    <div id="thread-messages" class="messages" aria-live="polite"></div>
    <form id="thread-composer" class="composer" autocomplete="off"></form>
  </section>
</div>
<div id="overlay" class="overlay" hidden><div class="card" id="card" role="dialog" aria-modal="true"></div></div>
</body>
</html>
`;
