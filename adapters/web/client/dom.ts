/** Attributes of `h`: strings become attributes, functions event listeners (`onclick`), `false`/undefined are skipped. */
export type Attributes = Record<string, string | number | boolean | undefined | ((event: Event) => void)>;

/**
 * Builds an element. Text is always added as text nodes, never parsed as HTML, so model output cannot inject markup.
 *
 * @example
 *   h('button', { class: 'primary', onclick: () => send('/summarize') }, 'Summarize');
 */
export function h(tag: string, attributes: Attributes = {}, ...children: (Node | string | undefined | false)[]) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.replace(/^on/, ''), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) if (child !== undefined && child !== false) element.append(child);
  return element;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`missing #${id}`);
  return element as T;
}
