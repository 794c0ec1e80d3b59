// Sign-in and shell journeys in a real browser against a running tandem server (TANDEM_URL).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PHONE, TIMEOUT, USER, eventually, expectShell, screenshot, signedInState, withPage } from './helpers.mjs';

async function fillSignIn(page, password) {
  await page.goto('/');
  await page.getByLabel('Email').fill(USER.email);
  await page.getByLabel('Password', { exact: true }).fill(password);
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
    const me = await (await page.request.get('/api/v1/me')).json();
    assert.equal(me.user.language, 'ru');
  });
  // The choice is the user's, not the browser's: a new browser signed in as the same user shows Russian too.
  await withPage({ storageState: await signedInState() }, async (page) => {
    await page.goto('/');
    await page.getByRole('heading', { name: 'Заявки', level: 1 }).waitFor();
    await page.getByRole('button', { name: USER.name }).click();
    await page.getByLabel('Язык').selectOption('en');
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await eventually(
      page,
      async () => (await (await page.request.get('/api/v1/me')).json()).user.language === 'en',
      'the language chosen is stored with the user',
    );
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
  await withPage({ ...PHONE, storageState: await signedInState() }, async (page) => {
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
