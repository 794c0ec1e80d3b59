// What the web benchmarks share: the bench admin's signed-in state on the server at TANDEM_URL, Debian's
// Chromium, and the results file.
import { appendFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(new URL('../../web/package.json', import.meta.url));
const { chromium, request } = require('playwright-core');

/** The server under test. */
export const BASE_URL = process.env.TANDEM_URL;

/** Signs the bench admin in and starts headless Chromium: `{ browser, storageState }` for new contexts. */
export async function signedInBrowser() {
  const api = await request.newContext({ baseURL: BASE_URL });
  const login = await api.post('/api/v1/auth/login', { data: { email: 'bench@tandem.test', password: 'correct horse battery' } });
  if (!login.ok()) throw new Error(`login answered ${login.status()}`);
  const storageState = await api.storageState();
  await api.dispose();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  return { browser, storageState };
}

/** Appends `figures` as one JSON line to bench/results/web.jsonl. */
export function recordFigures(figures) {
  const results = new URL('../results/', import.meta.url);
  mkdirSync(results, { recursive: true });
  appendFileSync(new URL('web.jsonl', results), `${JSON.stringify(figures)}\n`);
}
