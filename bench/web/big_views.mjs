// The ticket views with about 10,000 tickets in Chromium: time until the whole list has loaded, scrolling
// frame times, and the time from a click to the next painted frame when sorting, and when switching to the
// board and to the tree. Prints the figures and appends them to bench/results/web.jsonl.
import { BASE_URL, recordFigures, signedInBrowser } from './browser.mjs';

const SCROLL_FRAMES = 400;

const { browser, storageState } = await signedInBrowser();
const context = await browser.newContext({ baseURL: BASE_URL, storageState, viewport: { width: 1440, height: 900 } });
const page = await context.newPage();

await page.goto('/tickets');
await page.waitForSelector('.items-main[aria-busy="false"] .flat-list [role="row"]:not(.item-head)', { timeout: 120_000 });
const loaded = await page.evaluate(() => ({
  ms: performance.now(),
  count: document.querySelector('.count-badge')?.textContent ?? '',
}));

// Scrolls the list from top to bottom in SCROLL_FRAMES steps, one per frame, and returns each frame's length.
const frames = await page.evaluate(async (steps) => {
  const list = document.querySelector('.flat-list .vlist');
  const step = (list.scrollHeight - list.clientHeight) / steps;
  const next = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const lengths = [];
  await next();
  let last = performance.now();
  for (let i = 1; i <= steps; i++) {
    list.scrollTop = Math.round(i * step);
    await next();
    const now = performance.now();
    lengths.push(now - last);
    last = now;
  }
  list.scrollTop = 0;
  return lengths;
}, SCROLL_FRAMES);
frames.sort((a, b) => a - b);
const at = (q) => Math.round(frames[Math.min(frames.length - 1, Math.floor(q * frames.length))]);

// Clicks the element `target` selects and returns the time until the frame after `ready` selects something.
async function clickToFrame(target, ready) {
  return page.evaluate(
    async ([targetSelector, readySelector]) => {
      const next = () => new Promise((resolve) => requestAnimationFrame(resolve));
      const start = performance.now();
      document.querySelector(targetSelector).click();
      while (document.querySelector(readySelector) === null) await next();
      await next();
      return Math.round(performance.now() - start);
    },
    [target, ready],
  );
}

const firstTitle = () => page.evaluate(() => document.querySelector('.flat-list .cell-title a')?.textContent);
const before = await firstTitle();
const sortMs = await clickToFrame('.flat-list [role="columnheader"].cell-title button', '.flat-list [role="columnheader"].cell-title[aria-sort="ascending"]');
if ((await firstTitle()) === before) throw new Error('sorting by title did not change the first row');
const boardMs = await clickToFrame('.segmented button:nth-child(2)', '.board .card');
const treeMs = await clickToFrame('.segmented button:nth-child(3)', '.tree-view [role="treeitem"]');
const listMs = await clickToFrame('.segmented button:nth-child(1)', '.flat-list [role="row"]:not(.item-head)');
await browser.close();

const figures = {
  at: new Date().toISOString(),
  big_views: {
    tickets: loaded.count,
    all_loaded_ms: Math.round(loaded.ms),
    scroll_frame_ms: { p50: at(0.5), p95: at(0.95), max: Math.round(frames[frames.length - 1]) },
    frames_over_50ms: frames.filter((ms) => ms > 50).length,
    sort_by_title_ms: sortMs,
    to_board_ms: boardMs,
    to_tree_ms: treeMs,
    back_to_list_ms: listMs,
  },
};
const v = figures.big_views;
console.log(`big views: ${v.tickets}, all loaded after ${v.all_loaded_ms} ms`);
console.log(`  scrolling ${SCROLL_FRAMES} frames top to bottom: p50 ${v.scroll_frame_ms.p50} ms, p95 ${v.scroll_frame_ms.p95} ms, max ${v.scroll_frame_ms.max} ms, ${v.frames_over_50ms} over 50 ms`);
console.log(`  click to painted frame: sort by title ${sortMs} ms, list to board ${boardMs} ms, board to tree ${treeMs} ms, tree to list ${listMs} ms`);
recordFigures(figures);
