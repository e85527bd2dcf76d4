import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandParser } from '../../commands/grammar/parse.js';
import { errorReply } from '../../commands/replies.js';
import { LIMITS, launchChromium, startTestPlayground } from './browser.js';

/** Polls with room for a loaded CI machine (vitest's default is one second). */
const poll = <T>(check: () => T | Promise<T>, options: { timeout?: number; interval?: number } = {}) =>
  expect.poll(check, { timeout: 15_000, ...options });

/** What the page's images expose to `evaluate` (the test program has no DOM types). */
type Img = { src: string; naturalWidth: number };
type Win = { getComputedStyle(element: unknown): { backgroundColor: string } };
type Playground = Awaited<ReturnType<typeof startTestPlayground>>;

let playground: Playground;
let browser: Browser;
let alice: BrowserContext;
let bob: BrowserContext;
let page: Page;
let watcher: Page;

async function open(context: BrowserContext): Promise<Page> {
  const tab = await context.newPage();
  await tab.goto(playground.web.url);
  await tab.waitForSelector('body[data-ready="true"]');
  return tab;
}

async function type(tab: Page, where: 'channel' | 'thread', text: string): Promise<void> {
  const box = tab.locator(`#${where}-composer textarea`);
  await box.fill(text);
  await box.press('Enter');
}

describe('web playground in real Chromium', () => {
  beforeAll(async () => {
    playground = await startTestPlayground();
    browser = await launchChromium();
    alice = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 820 } });
    bob = await browser.newContext({ viewport: { width: 390, height: 780 }, colorScheme: 'dark' });
    page = await open(alice);
    watcher = await open(bob);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await playground?.cleanup();
  });

  it('runs a focus group: panel, question, persona card, poll chart, summary, export, reload, errors, live', async () => {
    // Completion of command names.
    await page.locator('#channel-composer textarea').fill('/panel c');
    await expect
      .poll(() => page.locator('#channel-composer .suggestions li b').allTextContents())
      .toContain('/panel create');
    await page.locator('#channel-composer textarea').press('Escape');

    await type(page, 'channel', '/panel create 3 nurses in Lagos who commute by bus --name lagos');
    const card = page.locator('#channel article', { hasText: 'synthetic panel' });
    await card.first().waitFor({ timeout: 30_000 });
    await page.locator('#panels', { hasText: 'lagos' }).waitFor();
    // The other browser saw the panel card arrive live, without a reload.
    await watcher.locator('#channel article', { hasText: 'synthetic panel' }).first().waitFor();
    await expect
      .poll(() => card.first().locator('.buttons button').allTextContents())
      .toEqual(['Ask', 'Poll', 'Brainstorm', 'Summarize', 'Export']);

    // Completion of persona names after @ (the panel's roster is known to the composer now).
    const roster = await page.locator('#channel article .roster .who b').allTextContents();
    expect(roster).toHaveLength(3);
    await page.locator('#channel-composer textarea').fill('@');
    await poll(() => page.locator('#channel-composer .suggestions li b').allTextContents()).toEqual(roster);
    await page.locator('#channel-composer textarea').fill('/panel seat ');
    await poll(() => page.locator('#channel-composer .suggestions li b').allTextContents()).toEqual(['lagos']);
    await page.locator('#channel-composer textarea').fill('');
    // Light and dark follow the system setting (Bob's browser prefers dark).
    const background = (tab: Page) =>
      tab.locator('body').evaluate((body) => (globalThis as unknown as Win).getComputedStyle(body).backgroundColor);
    expect(await background(page)).toBe('rgb(247, 246, 243)');
    expect(await background(watcher)).toBe('rgb(20, 22, 27)');

    // The Ask button fills the composer; Enter sends; the question opens its thread beside the channel.
    await card.first().getByRole('button', { name: 'Ask' }).click();
    await poll(() => page.locator('#channel-composer textarea').inputValue()).toBe('/panel ask ');
    await page
      .locator('#channel-composer textarea')
      .pressSequentially('What would make a bus-tracking app worth paying for?');
    await page.locator('#channel-composer textarea').press('Enter');
    await page.locator('#thread:not([hidden])').waitFor();
    const answers = page.locator('#thread-messages article.persona');
    await poll(() => answers.count(), { timeout: 30_000 }).toBe(3);
    const names = await answers.evaluateAll((items) => items.map((item) => item.getAttribute('data-speaker')));
    expect(new Set(names).size).toBe(3);
    expect(new Set(names)).toEqual(new Set(roster));
    const avatars = await answers.locator('img.avatar').evaluateAll((images) =>
      images.map((image) => ({
        src: (image as unknown as Img).src,
        loaded: (image as unknown as Img).naturalWidth,
      })),
    );
    expect(new Set(avatars.map((avatar) => avatar.src)).size).toBe(3);
    await expect
      .poll(() =>
        answers
          .locator('img.avatar')
          .evaluateAll((images) => images.every((image) => (image as unknown as Img).naturalWidth > 0)),
      )
      .toBe(true);
    expect(await answers.locator('.synthetic').allTextContents()).toEqual(['synthetic', 'synthetic', 'synthetic']);
    const threadKey = decodeURIComponent(new URL(page.url()).hash.replace('#thread=', ''));
    expect(threadKey).toMatch(/^m/);

    // A persona card on click; Esc closes it.
    await answers.first().locator('.speaker').click();
    await page.locator('#overlay:not([hidden]) .persona-card h2', { hasText: names[0]! }).waitFor();
    expect(await page.locator('#overlay .persona-card').textContent()).toMatch(/synthetic persona/i);
    await page.keyboard.press('Escape');
    await page.locator('#overlay[hidden]').waitFor({ state: 'attached' });

    // A poll in the thread: progress, then the chart inline (the same PNG as the chats).
    await type(page, 'thread', '/poll yesno "Would you pay 1,500 naira a month?"');
    const chart = page.locator('#thread-messages figure.chart img');
    await chart.first().waitFor({ timeout: 30_000 });
    await expect
      .poll(() => chart.first().evaluate((image) => (image as unknown as Img).naturalWidth))
      .toBeGreaterThan(100);
    const png = await page.request.get(new URL((await chart.first().getAttribute('src'))!, playground.web.url).href);
    expect(png.headers()['content-type']).toBe('image/png');
    expect((await png.body()).subarray(1, 4).toString()).toBe('PNG');
    expect(await page.locator('#thread-messages .progress').count()).toBeGreaterThan(0);

    // The screenshot (the README's docs/playground.png is one of these): the thread with its answers and chart.
    await chart.first().scrollIntoViewIfNeeded();
    const shot = path.join(tmpdir(), `troupe-playground-${process.pid}.png`);
    await page.screenshot({ path: shot });
    expect((await readFile(shot)).subarray(1, 4).toString()).toBe('PNG');

    // Summarize.
    await type(page, 'thread', '/summarize');
    await page
      .locator('#thread-messages article.bot', { hasText: /^.*Summary/ })
      .first()
      .waitFor({ timeout: 30_000 });

    // Export, downloaded and read.
    await type(page, 'thread', '/export md');
    const link = page.locator('#thread-messages a.download');
    await link.first().waitFor({ timeout: 30_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), link.first().click()]);
    expect(download.suggestedFilename()).toMatch(/\.md$/);
    const exported = await readFile((await download.path())!, 'utf8');
    expect(exported).toContain('What would make a bus-tracking app worth paying for?');
    for (const name of names) expect(exported).toContain(name!);
    expect(exported.toLowerCase()).toContain('synthetic');

    // A bad command: the same clear error as the chat, inline, only to the person who typed it.
    await type(page, 'thread', '/panel frobnicate');
    let expected = '';
    try {
      new CommandParser({ maxPanelSize: LIMITS.maxPanelSize, maxRounds: 10 }).parse('/panel frobnicate');
    } catch (error) {
      const reply = errorReply(error);
      expected = reply.kind === 'text' ? reply.text : '';
    }
    expect(expected).toContain('Example:');
    const notice = page.locator('#thread-composer .notice.error:not([hidden]) .notice-text');
    await notice.waitFor();
    expect(await notice.textContent()).toBe(expected);
    expect(await page.locator('#thread-messages', { hasText: 'frobnicate' }).count()).toBe(0);
    expect(await watcher.locator('.notice:not([hidden])').count()).toBe(0);
    expect(await watcher.locator('body', { hasText: 'frobnicate' }).count()).toBe(0);

    // A reload shows the same thread from the store.
    const before = await page.locator('#thread-messages article').count();
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await page.locator('#thread:not([hidden])').waitFor();
    await poll(() => page.locator('#thread-messages article.persona').count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator('#thread-messages article').count()).toBe(before);
    expect(await page.locator('#threads', { hasText: 'bus-tracking' }).count()).toBe(1);

    // The other browser (phone width) opens the same thread from the sidebar and sees the answers.
    await watcher.locator('#menu').click();
    await watcher.locator('#threads button', { hasText: 'bus-tracking' }).click();
    await poll(() => watcher.locator('#thread-messages article.persona').count()).toBeGreaterThanOrEqual(3);
    // ↑ in an empty composer brings the last message back to edit.
    await watcher.locator('#thread-composer textarea').fill(`@${names[1]!.split(' ')[0]} and you?`);
    await watcher.locator('#thread-composer textarea').press('Enter');
    await watcher.locator('#thread-composer textarea').press('ArrowUp');
    expect(await watcher.locator('#thread-composer textarea').inputValue()).toBe(
      `@${names[1]!.split(' ')[0]} and you?`,
    );
    // Alice, in the same thread, sees Bob's follow-up and the persona's answer arrive live.
    await page.locator('#thread-messages article.user', { hasText: 'and you?' }).waitFor();
    await poll(() => page.locator('#thread-messages article.persona').count(), { timeout: 30_000 }).toBe(4);
    // The phone-width page, for a look (not committed).
    const phone = path.join(tmpdir(), `troupe-playground-phone-${process.pid}.png`);
    await watcher.screenshot({ path: phone });
    expect((await readFile(phone)).subarray(1, 4).toString()).toBe('PNG');
  }, 120_000);
});
