// Sign-in and shell journeys in a real browser against a running tandem server (TANDEM_URL).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

// playwright-core is installed with the web app's dependencies.
const require = createRequire(new URL('../../web/package.json', import.meta.url));
const { chromium, request } = require('playwright-core');

const BASE_URL = process.env.TANDEM_URL;
if (!BASE_URL) throw new Error('TANDEM_URL must name the running server, e.g. http://127.0.0.1:8080');

const USER = { email: 'e2e@tandem.test', name: 'E2E Admin', password: 'correct horse battery' };
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
const TIMEOUT = { timeout: 60_000 };

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
async function withPage(options, fn) {
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
async function signedInState() {
  if (!sharedSession) {
    const api = await request.newContext({ baseURL: BASE_URL });
    const res = await api.post('/api/v1/auth/login', { data: { email: USER.email, password: USER.password } });
    assert.equal(res.status(), 200, `login via API answered ${res.status()}: ${await res.text()}`);
    sharedSession = await api.storageState();
    await api.dispose();
  }
  return sharedSession;
}

async function fillSignIn(page, password) {
  await page.goto('/');
  await page.getByLabel('Email').fill(USER.email);
  await page.getByLabel('Password', { exact: true }).fill(password);
}

/** Waits until the shell shows the signed-in user's name in the top bar. */
async function expectShell(page) {
  await page.getByRole('button', { name: USER.name }).waitFor();
}

function screenshot(page, name) {
  return page.screenshot({ path: `${ARTIFACTS}${name}.png`, animations: 'disabled' });
}

test('a wrong password shows an error alert', TIMEOUT, async () => {
  await withPage({}, async (page) => {
    await fillSignIn(page, 'not the password');
    await screenshot(page, 'signin');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert').filter({ hasText: /don’t match/ });
    await alert.waitFor();
    await screenshot(page, 'signin-error');
    assert.equal(await page.getByRole('button', { name: USER.name }).count(), 0);
  });
});

test('signing in through the page shows the shell with the user name', TIMEOUT, async () => {
  await withPage({}, async (page) => {
    await fillSignIn(page, USER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectShell(page);
    await page.getByRole('heading', { name: 'Tickets', level: 1 }).waitFor();
    await page.getByRole('navigation', { name: 'Apps' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/tickets');
    await screenshot(page, 'shell');
  });
});

test('a reload keeps the session and the current app', TIMEOUT, async () => {
  await withPage({ storageState: await signedInState() }, async (page) => {
    await page.goto('/projects');
    await page.getByRole('heading', { name: 'Projects', level: 1 }).waitFor();
    await page.reload();
    await expectShell(page);
    await page.getByRole('heading', { name: 'Projects', level: 1 }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Sign in' }).count(), 0);
  });
});

test('the live WebSocket greets the signed-in user', TIMEOUT, async () => {
  await withPage({ storageState: await signedInState() }, async (page) => {
    await page.goto('/');
    await expectShell(page);
    const data = await page.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const socket = new WebSocket(location.origin.replace('http', 'ws') + '/api/v1/live');
          const timer = setTimeout(() => reject(new Error('no message within 5 s')), 5000);
          socket.onmessage = (event) => {
            clearTimeout(timer);
            socket.close();
            resolve(event.data);
          };
          socket.onerror = () => reject(new Error('the WebSocket failed'));
        }),
    );
    const hello = JSON.parse(data);
    assert.equal(hello.type, 'hello');
    assert.equal(hello.user.name, USER.name);
    assert.equal(hello.user.role, 'admin');
  });
});

test('switching to Russian changes the visible text and is remembered', TIMEOUT, async () => {
  await withPage({ storageState: await signedInState() }, async (page) => {
    await page.goto('/');
    await expectShell(page);
    await page.getByRole('button', { name: USER.name }).click();
    await page.getByLabel('Language').selectOption('ru');
    await page.getByRole('button', { name: 'Выйти' }).waitFor();
    await page.getByRole('heading', { name: 'Заявки', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Задачи' }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'ru');
    await page.keyboard.press('Escape');
    await screenshot(page, 'shell-ru');
    await page.reload();
    await page.getByRole('heading', { name: 'Заявки', level: 1 }).waitFor();
  });
});

test('a browser set to Russian gets the sign-in page in Russian', TIMEOUT, async () => {
  await withPage({ locale: 'ru-RU' }, async (page) => {
    await page.goto('/');
    await page.getByRole('button', { name: 'Войти' }).waitFor();
    await page.getByLabel('Электронная почта').waitFor();
    await screenshot(page, 'signin-ru');
  });
});

test('signing out returns to the sign-in page and ends the session', TIMEOUT, async () => {
  await withPage({}, async (page) => {
    await fillSignIn(page, USER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectShell(page);
    await page.getByRole('button', { name: USER.name }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/');
    const me = await page.request.get('/api/v1/me');
    assert.equal(me.status(), 401);
    await page.reload();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
  });
});

test('the shell is usable on a 390×844 phone screen', TIMEOUT, async () => {
  const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
  await withPage({ ...phone, storageState: await signedInState() }, async (page) => {
    await page.goto('/');
    await expectShell(page);
    await page.getByRole('heading', { name: 'Tickets', level: 1 }).waitFor();
    const tasksLink = page.getByRole('link', { name: 'Tasks' });
    assert.equal(await tasksLink.isVisible(), false, 'the navigation is collapsed');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
    await screenshot(page, 'phone-shell');

    await page.getByRole('button', { name: 'Navigation menu' }).click();
    await tasksLink.waitFor();
    await screenshot(page, 'phone-nav');
    await tasksLink.click();
    await page.getByRole('heading', { name: 'Tasks', level: 1 }).waitFor();
    await tasksLink.waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: USER.name }).click();
    const signOut = page.getByRole('button', { name: 'Sign out' });
    await signOut.waitFor();
    const box = await signOut.boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= 390, 'the user menu fits on screen');
    await screenshot(page, 'phone-menu');
  });
});
