// Cold first visits of /tickets in Chromium: prints the median and worst time from navigation start to the
// first list row, and the requests that came before it, for a local network and a slower one.
import { BASE_URL, recordFigures, signedInBrowser } from './browser.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const NETWORKS = {
  local: null,
  // 20 ms each way and 20 Mbit/s: a good office or home line to a server in the same region.
  'slower (40 ms RTT, 20 Mbit/s)': { offline: false, latency: 40, downloadThroughput: 2.5e6, uploadThroughput: 2.5e6 },
};

const { browser, storageState } = await signedInBrowser();

// Records, in the page, when the first row of the list appears (performance.now() counts from navigation).
const watchFirstRow = () => {
  const seen = () => document.querySelector('[role="table"][aria-label="List"] [role="row"]:not(.item-head)');
  const observer = new MutationObserver(() => {
    if (window.__firstRow === undefined && seen()) {
      window.__firstRow = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true });
};

async function visit(network) {
  const context = await browser.newContext({ baseURL: BASE_URL, storageState, viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  if (network) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', network);
  }
  await page.addInitScript(watchFirstRow);
  await page.goto('/tickets');
  await page.waitForFunction(() => window.__firstRow !== undefined, null, { timeout: 30_000 });
  const result = await page.evaluate(() => ({
    firstRow: window.__firstRow,
    requests: performance
      .getEntriesByType('resource')
      .filter((entry) => entry.startTime < window.__firstRow)
      .map((entry) => `${Math.round(entry.startTime)}-${Math.round(entry.responseEnd)} ${new URL(entry.name).pathname}${new URL(entry.name).search}`),
  }));
  await context.close();
  return result;
}

const figures = { at: new Date().toISOString(), runs: RUNS };
for (const [name, network] of Object.entries(NETWORKS)) {
  const times = [];
  let last;
  for (let run = 0; run < RUNS; run++) {
    last = await visit(network);
    times.push(last.firstRow);
  }
  times.sort((a, b) => a - b);
  figures[name] = { median_ms: Math.round(times[Math.floor(RUNS / 2)]), worst_ms: Math.round(times[RUNS - 1]) };
  console.log(`${name}: first list row after ${Math.round(times[Math.floor(RUNS / 2)])} ms (median of ${RUNS}), worst ${Math.round(times[RUNS - 1])} ms`);
  console.log(`  requests before it (start-end ms): ${last.requests.join(', ')}`);
}
await browser.close();
recordFigures(figures);
