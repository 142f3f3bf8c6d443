// The queue page with a big queue behind it, in Chromium: how soon it is interactive, how soon a
// new ticket shows after its socket event arrives, and how many rows it puts in the DOM. Both
// times are taken in the page's own clock (performance.now()): a WebSocket wrapper notes when
// the `ticket:created` frame arrives, a MutationObserver when its row is in the DOM, and the
// next animation frame when it is on screen.
import { chromium } from '@playwright/test';
import type { WebhookClient } from '../lib/webhook-client';

const CHROMIUM = process.env.BENCH_CHROMIUM ?? '/usr/bin/chromium';

/** Installed before any of the page's scripts run. */
const PROBE = `(() => {
  const b = (window.__bench = { frames: {}, rows: {}, painted: {}, maxRows: 0, firstRowAt: null, wsOpen: false });
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('open', () => { b.wsOpen = true; });
      this.addEventListener('message', (e) => {
        const t = performance.now();
        if (typeof e.data !== 'string' || !e.data.startsWith('42["ticket:created"')) return;
        const m = /"customer_name":"([^"]+)"/.exec(e.data);
        if (m && !(m[1] in b.frames)) b.frames[m[1]] = t;
      });
    }
  };
  new MutationObserver(() => {
    const t = performance.now();
    const items = document.querySelectorAll('[data-testid="queue-item"]');
    if (items.length && b.firstRowAt === null) b.firstRowAt = t;
    if (items.length > b.maxRows) b.maxRows = items.length;
    for (const el of document.querySelectorAll('[data-testid="queue-item-name"]')) {
      const name = el.textContent;
      if (!name || name in b.rows) continue;
      b.rows[name] = t;
      requestAnimationFrame(() => { b.painted[name] = performance.now(); });
    }
  }).observe(document, { childList: true, subtree: true });
})();`;

interface Probe {
  frames: Record<string, number>;
  rows: Record<string, number>;
  painted: Record<string, number>;
  maxRows: number;
  firstRowAt: number | null;
  wsOpen: boolean;
}

export interface PageLoad {
  cold: boolean;
  /** Navigation start → the first queue rows rendered by the (hydrated) client. */
  rowsMs: number;
  /** Navigation start → the HTML's DOMContentLoaded. */
  domContentLoadedMs: number;
}

export interface QueuePageResult {
  loads: PageLoad[];
  /** Per new ticket: socket frame arrived → its row in the DOM, and → on screen (next frame). */
  toDom: number[];
  toScreen: number[];
  missing: number;
  rowsInDom: number;
  maxRowsInDom: number;
  /** `j` moved the focus onto a queue row (the list answers the keyboard). */
  keyboard: boolean;
  userAgent: string;
}

/**
 * `cookie` is an agent's session (Cookie header form). `newTicket(i)` sends a webhook whose
 * ticket sorts to the top of the queue, from a customer named `name`.
 */
export async function measureQueuePage(options: {
  baseUrl: string;
  cookie: string;
  client: WebhookClient;
  newTickets: number;
  warmLoads: number;
  message: (i: number) => { id: string; from: string; name: string; text: string; timestamp: number };
}): Promise<QueuePageResult> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addCookies(
      options.cookie.split('; ').map((pair) => {
        const at = pair.indexOf('=');
        return { name: pair.slice(0, at), value: pair.slice(at + 1), url: options.baseUrl };
      }),
    );
    await context.addInitScript({ content: PROBE });
    const page = await context.newPage();
    const probe = () => page.evaluate(() => (window as unknown as { __bench: Probe }).__bench);
    const loads: PageLoad[] = [];
    for (let i = 0; i <= options.warmLoads; i++) {
      await page.goto(`${options.baseUrl}/queue`, { waitUntil: 'commit' });
      await page.getByTestId('queue-item').first().waitFor({ timeout: 30_000 });
      const timing = await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
        return { rows: (window as unknown as { __bench: Probe }).__bench.firstRowAt, dcl: nav?.domContentLoadedEventEnd ?? Number.NaN };
      });
      loads.push({ cold: i === 0, rowsMs: timing.rows ?? Number.NaN, domContentLoadedMs: timing.dcl });
    }
    await page.keyboard.press('j');
    const keyboard = await page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'queue-item');

    await page.waitForFunction(() => (window as unknown as { __bench: Probe }).__bench.wsOpen, null, { timeout: 10_000 });
    // Let the Engine.IO upgrade settle, so every event comes over the WebSocket.
    await page.waitForTimeout(1_000);
    const names: string[] = [];
    for (let i = 0; i < options.newTickets; i++) {
      const message = options.message(i);
      names.push(message.name);
      const answer = await options.client.post(message);
      if (answer.status !== 200) throw new Error(`webhook answered ${answer.status}: ${answer.body.slice(0, 200)}`);
      await page
        .waitForFunction((name) => name in (window as unknown as { __bench: Probe }).__bench.painted, message.name, { timeout: 5_000 })
        .catch(() => {});
      await page.waitForTimeout(300);
    }
    const b = await probe();
    const toDom: number[] = [];
    const toScreen: number[] = [];
    let missing = 0;
    for (const name of names) {
      const frame = b.frames[name];
      const row = b.rows[name];
      const painted = b.painted[name];
      if (frame === undefined || row === undefined || painted === undefined) missing += 1;
      else {
        toDom.push(row - frame);
        toScreen.push(painted - frame);
      }
    }
    const rowsInDom = await page.getByTestId('queue-item').count();
    const userAgent = await page.evaluate(() => navigator.userAgent);
    return { loads, toDom, toScreen, missing, rowsInDom, maxRowsInDom: b.maxRows, keyboard, userAgent };
  } finally {
    await browser.close();
  }
}
