// Shared set-up for the browser journeys: one Chromium per test file, fresh contexts per test, a signed-in
// session through the API, screenshots under artifacts/, and checks that pages throw no errors.
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

// playwright-core is installed with the web app's dependencies.
const require = createRequire(new URL('../../web/package.json', import.meta.url));
const { chromium, request } = require('playwright-core');

export const BASE_URL = process.env.TANDEM_URL;
if (!BASE_URL) throw new Error('TANDEM_URL must name the running server, e.g. http://127.0.0.1:8080');

export const USER = { email: 'e2e@tandem.test', name: 'E2E Admin', password: 'correct horse battery' };
export const TIMEOUT = { timeout: 60_000 };
export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let browser;
let sharedSession;

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
});

after(async () => {
  await browser?.close();
});

/**
 * Runs `fn` with a page in a fresh browser context (English browser unless `options` says otherwise),
 * then fails if the page threw an uncaught error or broke the server's Content-Security-Policy.
 */
export async function withPage(options, fn) {
  const context = await browser.newContext({ baseURL: BASE_URL, locale: 'en-US', ...options });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const problems = [];
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) problems.push(message.text());
  });
  try {
    await fn(page);
  } finally {
    await context.close();
  }
  assert.deepEqual(problems, []);
}

/** Cookies of one session signed in through the API, shared by the tests that only need to be signed in. */
export async function signedInState() {
  if (!sharedSession) {
    const api = await request.newContext({ baseURL: BASE_URL });
    const res = await api.post('/api/v1/auth/login', { data: { email: USER.email, password: USER.password } });
    assert.equal(res.status(), 200, `login via API answered ${res.status()}: ${await res.text()}`);
    sharedSession = await api.storageState();
    await api.dispose();
  }
  return sharedSession;
}

/** An API client signed in as `email` (the e2e admin by default), with the CSRF header set for writes. */
export async function apiAs(email = USER.email, password = USER.password, prefix = '/api/v1') {
  const api = await request.newContext({ baseURL: BASE_URL });
  const res = await api.post(`${prefix}/auth/login`, { data: { email, password } });
  assert.equal(res.status(), 200, `login as ${email} answered ${res.status()}: ${await res.text()}`);
  const { csrf_token: csrf } = await res.json();
  const call = async (method, path, data) => {
    const answer = await api.fetch(path, { method, data, headers: { 'X-CSRF-Token': csrf } });
    assert.ok(answer.ok(), `${method} ${path} answered ${answer.status()}: ${await answer.text()}`);
    return answer.status() === 204 ? null : answer.json();
  };
  return {
    get: (path) => call('GET', path),
    post: (path, data) => call('POST', path, data),
    patch: (path, data) => call('PATCH', path, data),
    put: (path, data) => call('PUT', path, data),
    dispose: () => api.dispose(),
  };
}

/** Waits until the shell shows the signed-in user's name in the top bar. */
export async function expectShell(page) {
  await page.getByRole('button', { name: USER.name }).waitFor();
}

/** Saves a screenshot of the page as artifacts/`name`.png. */
export function screenshot(page, name) {
  return page.screenshot({ path: `${ARTIFACTS}${name}.png`, animations: 'disabled' });
}

/** Asks `check` again and again (up to 50 times, 100 ms apart) until it answers true; fails with `message`. */
export async function eventually(page, check, message) {
  for (let attempt = 0; attempt < 50; attempt++) {
    if (await check()) return;
    await page.waitForTimeout(100);
  }
  assert.fail(message);
}
