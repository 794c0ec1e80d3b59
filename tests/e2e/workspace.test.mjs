// Agent workspace journeys in a real browser against a running tandem server with demo data (TANDEM_URL):
// item views, the item panel and its conversation, the status board (mouse, keyboard and touch), ordering in
// the tree, conversion, live updates, the management apps, Russian and the phone layout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PHONE, TIMEOUT, apiAs, eventually, expectShell, screenshot, signedInState, withPage } from './helpers.mjs';

/** Creates an item through the API and returns it. */
async function createItem(fields) {
  const api = await apiAs();
  try {
    return await api.post('/api/v1/items', fields);
  } finally {
    await api.dispose();
  }
}

/** The item's current state, read through the API. */
async function readItem(id) {
  const api = await apiAs();
  try {
    return await api.get(`/api/v1/items/${id}`);
  } finally {
    await api.dispose();
  }
}

/** The open item panel. */
const panel = (page) => page.getByRole('complementary', { name: 'Item details' });

test('the ticket list, board and tree show the demo tickets', TIMEOUT, async () => {
  await withPage({ viewport: { width: 1440, height: 900 }, storageState: await signedInState() }, async (page) => {
    await page.goto('/tickets');
    await expectShell(page);
    await page.getByRole('heading', { name: 'Tickets', level: 1 }).waitFor();
    const rows = page.getByRole('table', { name: 'List' }).getByRole('row');
    await rows.nth(5).waitFor();
    await page.getByText(/^\d+ items$/).waitFor();
    await screenshot(page, 'tickets-list');

    await page.getByLabel('Group by', { exact: true }).selectOption('status');
    await page.getByRole('button', { name: /^New \(\d+\)$/ }).waitFor();
    await page.getByRole('button', { name: 'Columns' }).click();
    await page.getByRole('group', { name: 'Columns' }).getByLabel('Project').uncheck();
    await page.keyboard.press('Escape');
    assert.equal(await page.getByRole('columnheader', { name: 'Project' }).count(), 0);
    await screenshot(page, 'tickets-grouped');
    await page.getByLabel('Group by', { exact: true }).selectOption('');

    await page.getByRole('button', { name: 'Board' }).click();
    await page.getByRole('region', { name: 'Pending customer' }).waitFor();
    assert.match(page.url(), /\/tickets\?view=board$/);
    await screenshot(page, 'tickets-board');

    await page.getByRole('button', { name: 'Tree' }).click();
    await page.getByRole('treeitem').first().click();
    await page.locator('.tree-item').first().waitFor();
    await screenshot(page, 'tickets-tree');
  });
});

test('the scope selector narrows the tickets to one project', TIMEOUT, async () => {
  await withPage({ viewport: { width: 1440, height: 900 }, storageState: await signedInState() }, async (page) => {
    await page.goto('/tickets');
    await expectShell(page);
    await page.getByText(/^\d+ items$/).waitFor();
    const all = Number((await page.getByText(/^\d+ items$/).textContent()).split(' ')[0]);
    await page.getByLabel('Scope').selectOption({ label: 'Project 1' });
    await page.waitForFunction((total) => {
      const text = document.querySelector('.count-badge')?.textContent ?? '';
      return /^\d+ items?$/.test(text) && Number(text.split(' ')[0]) < total;
    }, all);
    const projects = await page.locator('.item-row:not(.item-head) .cell-project').allTextContents();
    assert.ok(projects.length > 0, 'Project 1 has tickets');
    assert.deepEqual([...new Set(projects)], ['Project 1']);
    await screenshot(page, 'scope-project');
  });
});

test('creating a ticket with the Add button opens it in the panel', TIMEOUT, async () => {
  await withPage({ viewport: { width: 1440, height: 900 }, storageState: await signedInState() }, async (page) => {
    await page.goto('/tickets');
    await expectShell(page);
    await page.getByRole('button', { name: 'New ticket' }).click();
    const dialog = page.getByRole('dialog', { name: 'New Ticket' });
    await dialog.getByLabel('Title').fill('Printer on the third floor jams');
    await dialog.getByLabel('Description').fill('Every second page is stuck.');
    await screenshot(page, 'new-ticket');
    await dialog.getByRole('button', { name: 'Create Ticket' }).click();
    await panel(page).getByRole('heading', { name: 'Printer on the third floor jams' }).waitFor();
    assert.match(new URL(page.url()).pathname, /^\/tickets\/\d+$/);
    await page.getByRole('table', { name: 'List' }).getByText('Printer on the third floor jams').waitFor();

    await panel(page).getByRole('button', { name: 'Edit description' }).click();
    await panel(page).getByLabel('Description').fill('Every second page is stuck, since Monday.');
    await panel(page).getByRole('button', { name: 'Save' }).click();
    await panel(page).getByText('Every second page is stuck, since Monday.').waitFor();
  });
});

test('a public reply asks first and an internal note stays internal', TIMEOUT, async () => {
  const ticket = await createItem({ type: 'ticket', title: 'Cannot log in after password reset' });
  await withPage({ viewport: { width: 1440, height: 900 }, storageState: await signedInState() }, async (page) => {
    await page.goto(`/tickets/${ticket.number}`);
    const item = panel(page);
    await item.getByRole('heading', { name: ticket.title }).waitFor();

    await item.getByLabel('Reply to the customer').fill('We have reset your account; please try again.');
    await item.getByRole('button', { name: 'Send reply' }).click();
    const confirm = page.getByRole('dialog', { name: 'Reply to the customer?' });
    await confirm.waitFor();
    await screenshot(page, 'reply-confirmation');
    await confirm.getByRole('button', { name: 'Send to customer' }).click();
    await item.locator('.message-public').getByText('We have reset your account').waitFor();

    // The "n" shortcut switches the composer to an internal note.
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('n');
    await item.getByLabel('Internal note for the team').fill('Second reset this month — watch for phishing.');
    await item.getByRole('button', { name: 'Add internal note' }).click();
    await item.locator('.message-internal').getByText('watch for phishing').waitFor();
    await screenshot(page, 'conversation');

    // A second public reply goes without asking again.
    await item.getByRole('tab', { name: 'Reply to customer' }).click();
    await item.getByLabel('Reply to the customer').fill('Did that work?');
    await item.getByRole('button', { name: 'Send reply' }).click();
    await item.locator('.message-public').getByText('Did that work?').waitFor();

    const api = await apiAs();
    const { data } = await api.get(`/api/v1/items/${ticket.id}/messages`);
    await api.dispose();
    assert.deepEqual(
      data.map((m) => m.visibility),
      ['public', 'internal', 'public'],
    );
  });
});

test('a file dropped on the composer is sent with the note', TIMEOUT, async () => {
  const ticket = await createItem({ type: 'ticket', title: 'Screenshot of the error' });
  await withPage({ viewport: { width: 1440, height: 900 }, storageState: await signedInState() }, async (page) => {
    await page.goto(`/tickets/${ticket.number}`);
    const item = panel(page);
    await item.getByRole('heading', { name: ticket.title }).waitFor();
    await item.getByRole('tab', { name: 'Internal note' }).click();
    const drop = await page.evaluateHandle(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File(['error code 42'], 'error.txt', { type: 'text/plain' }));
      return transfer;
    });
    await item.locator('form.composer').dispatchEvent('drop', { dataTransfer: drop });
    await item.getByRole('list', { name: 'Files to send' }).getByText('error.txt').waitFor();
    await item.getByRole('button', { name: 'Add internal note' }).click();
    await item.locator('.message-internal').getByRole('link', { name: 'error.txt' }).waitFor();
    const api = await apiAs();
    const { data } = await api.get(`/api/v1/items/${ticket.id}/attachments`);
    await api.dispose();
    assert.deepEqual(
      data.map((a) => a.name),
      ['error.txt'],
    );
  });
});

test('dragging a card to another column changes its status', TIMEOUT, async () => {
  const ticket = await createItem({ type: 'ticket', title: 'Drag me to Open' });
  await withPage({ viewport: { width: 1440, height: 900 }, storageState: await signedInState() }, async (page) => {
    await page.goto('/tickets?view=board');
    await expectShell(page);
    await page.getByLabel('Filter by words or #number').fill(String(ticket.number));
    const card = page.getByRole('article', { name: `#${ticket.number} ${ticket.title}` });
    const column = (name) => page.getByRole('region', { name });
    await column('New').getByRole('article', { name: `#${ticket.number} ${ticket.title}` }).waitFor();
    await card.dragTo(column('Open'));
    await column('Open').getByRole('article', { name: `#${ticket.number} ${ticket.title}` }).waitFor();
    await screenshot(page, 'board-after-drag');

    // Without a mouse: Shift+→ on a focused card moves it one status on.
    await card.focus();
    await page.keyboard.press('Shift+ArrowRight');
    await column('Pending customer').getByRole('article', { name: `#${ticket.number} ${ticket.title}` }).waitFor();
    await page.keyboard.press('Shift+ArrowLeft');
    const api = await apiAs();
    const types = await api.get('/api/v1/item-types');
    await api.dispose();
    const open = types.data.find((t) => t.key === 'ticket').statuses.find((s) => s.name === 'Open');
    await eventually(page, async () => (await readItem(ticket.id)).status_id === open.id, 'the status did not change on the server');
  });
});

test('dragging an item onto a project in the tree files it there', TIMEOUT, async () => {
  const ticket = await createItem({ type: 'ticket', title: 'File me under Project 1' });
  await withPage({ viewport: { width: 1440, height: 900 }, storageState: await signedInState() }, async (page) => {
    await page.goto('/tickets?view=tree');
    await expectShell(page);
    await page.getByLabel('Filter by words or #number').fill(String(ticket.number));
    await page.getByRole('treeitem', { name: /^No project/ }).click();
    const row = page.getByRole('treeitem', { name: new RegExp(`#${ticket.number} `) });
    await row.dragTo(page.getByRole('treeitem', { name: /^Project 1 \(/ }));
    await page.getByRole('treeitem', { name: /^No project/ }).waitFor({ state: 'detached' });
    await page.getByRole('treeitem', { name: /^Project 1 \(/ }).click();
    await page.getByRole('treeitem', { name: new RegExp(`#${ticket.number} `) }).waitFor();
    await screenshot(page, 'tree-after-move');
    const api = await apiAs();
    const { data } = await api.get('/api/v1/projects?limit=200');
    await api.dispose();
    assert.equal((await readItem(ticket.id)).project_id, data.find((p) => p.name === 'Project 1').id);
  });
});

/**
 * Clicks the tree row named `name` once the items have loaded: the "No project" group, which the demo's loose
 * items fill, is then in place above the portfolios and no longer pushes the rows down under the click.
 */
async function openSettledTreeRow(page, name) {
  await page.getByRole('treeitem', { name: /^No project/ }).waitFor();
  await page.getByRole('treeitem', { name }).click();
}

/** Waits until the item rows of the tree show exactly `titles`, in this order. */
async function treeShows(page, titles) {
  try {
    await page.waitForFunction(
      (expected) => JSON.stringify([...document.querySelectorAll('.tree-item .tree-label')].map((e) => e.textContent)) === expected,
      JSON.stringify(titles),
    );
  } catch (error) {
    const rows = await page.evaluate(() => [...document.querySelectorAll('.tree-row')].map((e) => e.textContent));
    throw new Error(`the tree shows ${JSON.stringify(rows)}, not ${JSON.stringify(titles)}`, { cause: error });
  }
}

test('items keep the order they are dragged or moved to in the tree, after a reload too', TIMEOUT, async () => {
  const api = await apiAs();
  // In a portfolio of its own, the project is near the top of the tree, where the rows are in view.
  const shelf = await api.post('/api/v1/portfolios', { name: 'Reorder shelf' });
  const project = await api.post('/api/v1/projects', { name: 'Reorder lab' });
  await api.put(`/api/v1/portfolios/${shelf.id}/projects/${project.id}`, {});
  const made = [];
  for (const title of ['Order first', 'Order second', 'Order third'])
    made.push(await api.post('/api/v1/items', { type: 'ticket', title, project_id: project.id }));
  await api.dispose();
  await withPage({ viewport: { width: 1440, height: 900 }, storageState: await signedInState() }, async (page) => {
    const row = (item) => page.getByRole('treeitem', { name: `#${item.number} ${item.title}` });
    await page.goto('/tickets?view=tree');
    await expectShell(page);
    await openSettledTreeRow(page, /^Reorder lab \(/);
    await treeShows(page, ['Order first', 'Order second', 'Order third']);

    // Dropped on the upper half of the first row, the third item goes before it.
    await row(made[2]).dragTo(row(made[0]), { targetPosition: { x: 60, y: 4 } });
    await treeShows(page, ['Order third', 'Order first', 'Order second']);
    // Without a mouse: Alt+↓ moves the focused item one place down.
    await row(made[0]).focus();
    await page.keyboard.press('Alt+ArrowDown');
    await treeShows(page, ['Order third', 'Order second', 'Order first']);
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
    assert.equal(await focused(), `#${made[0].number} Order first`, 'the moved item keeps the focus');
    await page.keyboard.press('Alt+ArrowUp');
    await treeShows(page, ['Order third', 'Order first', 'Order second']);
    await screenshot(page, 'tree-reordered');

    // The last move is stored before the page is reloaded.
    const storedInOrder = async () => {
      const positions = await Promise.all(made.map(async (item) => (await readItem(item.id)).position));
      return positions[2] < positions[0] && positions[0] < positions[1];
    };
    await eventually(page, storedInOrder, 'the order the items were moved to is stored');
    await page.reload();
    await openSettledTreeRow(page, /^Reorder lab \(/);
    await treeShows(page, ['Order third', 'Order first', 'Order second']);
  });
});

test('a project dragged onto another portfolio in the tree moves there', TIMEOUT, async () => {
  const api = await apiAs();
  const from = await api.post('/api/v1/portfolios', { name: 'Drag source' });
  const to = await api.post('/api/v1/portfolios', { name: 'Drag target' });
  const project = await api.post('/api/v1/projects', { name: 'Wandering project' });
  await api.put(`/api/v1/portfolios/${from.id}/projects/${project.id}`, {});
  await withPage({ viewport: { width: 1440, height: 900 }, storageState: await signedInState() }, async (page) => {
    await page.goto('/tickets?view=tree');
    await expectShell(page);
    const projectRow = page.getByRole('treeitem', { name: /^Wandering project \(/ });
    await projectRow.dragTo(page.getByRole('treeitem', { name: /^Drag target \(/ }));
    await eventually(
      page,
      async () => JSON.stringify((await api.get(`/api/v1/projects/${project.id}`)).portfolio_ids) === JSON.stringify([to.id]),
      'the project did not move to the target portfolio',
    );
    // The tree now shows it right after its new portfolio, which has no other project.
    await page.waitForFunction(() => {
      const labels = [...document.querySelectorAll('.tree-group .tree-label')].map((e) => e.textContent);
      return labels[labels.indexOf('Drag target') + 1] === 'Wandering project';
    });
    await screenshot(page, 'tree-project-moved');
  });
  await api.dispose();
});

test('converting a ticket to a task moves it and its old link follows', TIMEOUT, async () => {
  const ticket = await createItem({ type: 'ticket', title: 'Actually a piece of work' });
  await withPage({ viewport: { width: 1440, height: 900 }, storageState: await signedInState() }, async (page) => {
    await page.goto(`/tickets/${ticket.number}`);
    await panel(page).getByRole('heading', { name: ticket.title }).waitFor();
    await panel(page).getByRole('button', { name: 'Convert to task' }).click();
    await page.waitForURL(`**/tasks/${ticket.number}`);
    await page.getByRole('heading', { name: 'Tasks', level: 1 }).waitFor();
    await panel(page).getByRole('heading', { name: ticket.title }).waitFor();
    assert.equal((await readItem(ticket.id)).type, 'task');

    await page.goto(`/tickets/${ticket.number}`);
    await page.waitForURL(`**/tasks/${ticket.number}`);
    await panel(page).getByRole('heading', { name: ticket.title }).waitFor();
    await panel(page).getByRole('tab', { name: 'History' }).click();
    await panel(page).getByText('converted the item').waitFor();
    await screenshot(page, 'converted-history');
  });
});

test('another user’s change and a customer message arrive live', TIMEOUT, async () => {
  const ticket = await createItem({ type: 'ticket', title: 'Watch me change' });
  await withPage({ viewport: { width: 1440, height: 900 }, storageState: await signedInState() }, async (page) => {
    await page.goto(`/tickets/${ticket.number}`);
    await panel(page).getByRole('heading', { name: ticket.title }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();

    const manager = await apiAs('manager@example.com', 'tandem-demo');
    await manager.patch(`/api/v1/items/${ticket.id}`, { title: 'Changed by Max' });
    await manager.dispose();
    await panel(page).getByRole('heading', { name: 'Changed by Max' }).waitFor();

    const customer = await apiAs('nina@northwind.example', 'tandem-demo', '/portal/api/v1');
    const submitted = await customer.post('/portal/api/v1/tickets', { title: 'Our invoices are missing' });
    const id = submitted.id ?? submitted.item.id;
    await customer.post(`/portal/api/v1/items/${id}/messages`, { body: 'Any news?' });
    await customer.dispose();
    const toast = page.locator('.toast');
    await toast.getByText(/New customer message on #\d+/).waitFor();
    await screenshot(page, 'live-notification');
    await toast.getByRole('button', { name: /New customer message/ }).click();
    await panel(page).getByRole('heading', { name: 'Our invoices are missing' }).waitFor();
    await panel(page).getByText('Any news?').waitFor();
  });
});

test('search finds a ticket and j/k with Enter walk the list', TIMEOUT, async () => {
  const ticket = await createItem({ type: 'ticket', title: 'Zeppelin hangar doors stuck' });
  await withPage({ viewport: { width: 1440, height: 900 }, storageState: await signedInState() }, async (page) => {
    await page.goto('/tickets');
    await expectShell(page);
    await page.getByRole('table', { name: 'List' }).getByRole('row').nth(3).waitFor();
    await page.keyboard.press('/');
    await page.keyboard.type('zeppelin hangar');
    await page.getByRole('option', { name: /Zeppelin hangar doors stuck/ }).waitFor();
    await screenshot(page, 'search');
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/tickets/${ticket.number}`);
    await panel(page).getByRole('heading', { name: ticket.title }).waitFor();

    await page.goto('/tickets');
    await page.getByRole('table', { name: 'List' }).getByRole('row').nth(3).waitFor();
    await page.keyboard.press('j');
    await page.keyboard.press('Enter');
    await panel(page).getByRole('heading', { level: 2 }).waitFor();
    const first = new URL(page.url()).pathname;
    await page.keyboard.press('j');
    await page.waitForURL((url) => url.pathname !== first);
    assert.match(new URL(page.url()).pathname, /^\/tickets\/\d+$/);
  });
});

test('the management apps open with their data', TIMEOUT, async () => {
  await withPage({ viewport: { width: 1440, height: 900 }, storageState: await signedInState() }, async (page) => {
    await page.goto('/projects');
    await page.getByRole('heading', { name: 'Projects', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Customer onboarding' }).waitFor();
    await screenshot(page, 'projects');
    await page.getByRole('button', { name: 'Customer onboarding' }).click();
    const project = page.getByRole('dialog', { name: 'Customer onboarding' });
    await project.getByRole('cell', { name: 'Alice Agent', exact: true }).waitFor();
    await project.getByRole('cell', { name: 'Second line', exact: true }).waitFor();
    assert.equal(await project.getByLabel('Role of Second line').inputValue(), 'restricted');
    await screenshot(page, 'project-members');
    await page.keyboard.press('Escape');

    await page.goto('/customers');
    await page.getByRole('cell', { name: 'Nina Northwind' }).waitFor();
    await screenshot(page, 'customers');
    await page.getByRole('tab', { name: 'Organizations' }).click();
    await page.getByRole('button', { name: 'Northwind' }).click();
    await page.getByRole('dialog', { name: 'Northwind' }).getByLabel('Domains').fill('northwind.example, northwind.test');
    await page.getByRole('dialog', { name: 'Northwind' }).getByRole('button', { name: 'Save' }).click();
    await page.getByRole('cell', { name: 'northwind.example, northwind.test' }).waitFor();
    await screenshot(page, 'organizations');

    await page.goto('/people');
    await page.getByRole('cell', { name: 'Max Manager' }).waitFor();
    await page.getByRole('tab', { name: 'Teams' }).click();
    await page.getByRole('region', { name: 'Second line' }).waitFor();
    await screenshot(page, 'teams');

    await page.goto('/admin');
    await page.getByRole('switch', { name: 'Tickets' }).waitFor();
    await screenshot(page, 'admin-modules');
    await page.getByRole('tab', { name: 'Item types & statuses' }).click();
    await page.getByRole('region', { name: 'Ticket' }).getByText('Pending customer').waitFor();
    await screenshot(page, 'admin-types');
    await page.getByRole('tab', { name: 'Customer portal' }).click();
    await page.getByLabel('Customers must sign in').waitFor();
    await screenshot(page, 'admin-portal');
  });
});

test('a project gets a customer and a colleague as followers, and loses one again', TIMEOUT, async () => {
  const api = await apiAs();
  const project = await api.post('/api/v1/projects', { name: 'Followed project' });
  await withPage({ viewport: { width: 1440, height: 900 }, storageState: await signedInState() }, async (page) => {
    await page.goto('/projects');
    await page.getByRole('button', { name: 'Followed project' }).click();
    const dialog = page.getByRole('dialog', { name: 'Followed project' });
    await dialog.getByText('Nobody follows this project.').waitFor();
    for (const name of ['Nina Northwind', 'Max Manager']) {
      await dialog.getByLabel('Add a follower…').selectOption({ label: name });
      await dialog.getByRole('button', { name: 'Add follower' }).click();
      await dialog.getByRole('cell', { name, exact: true }).waitFor();
    }
    await screenshot(page, 'project-followers');
    const followers = (await api.get(`/api/v1/projects/${project.id}/followers`)).data;
    assert.deepEqual(followers.map((f) => [f.party_kind, f.name]).sort(), [['customer', 'Nina Northwind'], ['user', 'Max Manager']]);

    await dialog.getByRole('button', { name: 'Stop Nina Northwind following' }).click();
    await dialog.getByRole('cell', { name: 'Nina Northwind', exact: true }).waitFor({ state: 'detached' });
    const after = (await api.get(`/api/v1/projects/${project.id}/followers`)).data;
    assert.deepEqual(after.map((f) => f.name), ['Max Manager']);
  });
  await api.dispose();
});

test('a new colleague is invited and their join request approved', TIMEOUT, async () => {
  await withPage({ viewport: { width: 1440, height: 900 }, storageState: await signedInState() }, async (page) => {
    // The top bar's Add button opens the open app's own form.
    await page.goto('/people');
    await page.getByRole('banner').getByRole('button', { name: 'Invite user' }).click();
    const dialog = page.getByRole('dialog', { name: 'Invite user' });
    await dialog.getByLabel('Name').fill('Nora New');
    await dialog.getByLabel('Email').fill('nora@example.com');
    await dialog.getByLabel('Initial password').fill('a long first password');
    await dialog.getByLabel('Tickets').selectOption('standard');
    await dialog.getByRole('button', { name: 'Invite' }).click();
    await page.getByRole('cell', { name: 'Nora New' }).waitFor();
    await page.getByRole('cell', { name: /Tickets: Standard/ }).waitFor();
    await screenshot(page, 'users');

    const admin = await apiAs();
    const project = (await admin.get('/api/v1/projects?limit=200')).data.find((p) => p.name === 'Project 2');
    await admin.dispose();
    const nora = await apiAs('nora@example.com', 'a long first password');
    await nora.post(`/api/v1/projects/${project.id}/join-requests`, { message: 'I cover this customer now.' });

    await page.goto('/projects');
    await page.getByRole('tab', { name: /Join requests/ }).click();
    const request = page.getByRole('row', { name: /Nora New.*Project 2/ });
    await request.getByRole('button', { name: 'Approve' }).click();
    await request.getByRole('cell', { name: 'Approved' }).waitFor();
    await screenshot(page, 'join-requests');
    const members = await nora.get(`/api/v1/projects/${project.id}/members`);
    await nora.dispose();
    assert.ok(members.data.some((m) => m.name === 'Nora New'), 'Nora became a member');
  });
});

test('a module switched off disappears from the navigation', TIMEOUT, async () => {
  try {
    await withPage({ storageState: await signedInState() }, async (page) => {
      await page.goto('/admin');
      await page.getByRole('switch', { name: 'Tasks and custom item types' }).uncheck();
      await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
      await page.goto('/tickets');
      await page.getByRole('heading', { name: 'Tickets', level: 1 }).waitFor();
      const nav = page.getByRole('navigation', { name: 'Apps' });
      await nav.getByRole('link', { name: 'Projects' }).waitFor();
      assert.equal(await nav.getByRole('link', { name: 'Tasks' }).count(), 0);
      await page.goto('/tasks');
      await page.waitForURL('**/tickets');
    });
  } finally {
    const api = await apiAs();
    await api.put('/api/v1/settings/modules', { tasks: true });
    await api.dispose();
  }
});

test('a custom field is edited in the panel and filters the list', TIMEOUT, async () => {
  const api = await apiAs();
  await api.post('/api/v1/custom-fields', { scope: 'item', key: 'tier', name: 'Tier', kind: 'choice', choices: ['Gold', 'Silver'] });
  await api.dispose();
  const ticket = await createItem({ type: 'ticket', title: 'Gold customer waiting' });
  await withPage({ viewport: { width: 1440, height: 900 }, storageState: await signedInState() }, async (page) => {
    await page.goto(`/tickets/${ticket.number}`);
    await panel(page).getByRole('heading', { name: ticket.title }).waitFor();
    await panel(page).getByLabel('Tier').selectOption('Gold');
    await page.getByRole('table', { name: 'List' }).getByText(ticket.title).waitFor();
    await panel(page).getByRole('button', { name: 'Close' }).click();
    await page.waitForURL('**/tickets');
    await page.getByLabel('Tier').selectOption('Gold');
    await page.getByText('1 item', { exact: true }).waitFor();
    await page.getByRole('table', { name: 'List' }).getByText(ticket.title).waitFor();
    await screenshot(page, 'custom-field-filter');
    assert.equal((await readItem(ticket.id)).custom_fields.tier, 'Gold');
  });
});

test('a Russian browser gets the workspace in Russian', TIMEOUT, async () => {
  await withPage({ locale: 'ru-RU', viewport: { width: 1440, height: 900 }, storageState: await signedInState() }, async (page) => {
    await page.goto('/tickets?view=board');
    await page.getByRole('heading', { name: 'Заявки', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Доска' }).waitFor();
    await page.getByRole('region', { name: 'Pending customer' }).waitFor();
    await screenshot(page, 'tickets-board-ru');
  });
});

test('on a 390 px phone the list and the item fit the screen', TIMEOUT, async () => {
  const ticket = await createItem({ type: 'ticket', title: 'Reported from a phone' });
  await withPage({ ...PHONE, storageState: await signedInState() }, async (page) => {
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await page.goto('/tickets');
    await page.getByRole('heading', { name: 'Tickets', level: 1 }).waitFor();
    await page.getByRole('table', { name: 'List' }).getByRole('row').nth(3).waitFor();
    assert.ok((await overflow()) <= 0, 'the list scrolls sideways');
    await screenshot(page, 'phone-list');

    await page.goto(`/tickets/${ticket.number}`);
    await panel(page).getByRole('heading', { name: ticket.title }).waitFor();
    const box = await panel(page).boundingBox();
    assert.ok(box && box.x >= 0 && box.width <= 390, 'the item panel covers the screen');
    assert.ok((await overflow()) <= 0, 'the item scrolls sideways');
    await screenshot(page, 'phone-item');
    await panel(page).getByRole('button', { name: 'Close' }).click();
    await page.waitForURL('**/tickets');

    await page.goto('/tickets?view=board');
    await page.getByRole('region', { name: 'New' }).waitFor();
    await screenshot(page, 'phone-board');
  });
});

test('on a phone a card is dragged by touch to another column', TIMEOUT, async () => {
  const ticket = await createItem({ type: 'ticket', title: 'Carried by a finger' });
  await withPage({ ...PHONE, storageState: await signedInState() }, async (page) => {
    await page.goto('/tickets?view=board');
    await expectShell(page);
    await page.getByLabel('Filter by words or #number').fill(String(ticket.number));
    const name = `#${ticket.number} ${ticket.title}`;
    const column = (status) => page.getByRole('region', { name: status });
    const grip = column('New').getByRole('article', { name }).locator('.card-grip');
    await grip.waitFor();
    const start = await grip.boundingBox();
    const target = await column('Open').boundingBox();
    assert.ok(start && target && target.x + 40 < 390, 'the Open column shows beside New');
    // Real touch input (no mouse, so no HTML drag and drop): press on the grip, slide into Open, lift.
    const touch = await page.context().newCDPSession(page);
    const from = { x: start.x + start.width / 2, y: start.y + start.height / 2 };
    const to = { x: target.x + 40, y: target.y + 200 };
    await touch.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [from] });
    for (let step = 1; step <= 10; step++) {
      const point = { x: from.x + ((to.x - from.x) * step) / 10, y: from.y + ((to.y - from.y) * step) / 10 };
      await touch.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [point] });
    }
    await screenshot(page, 'phone-board-touch-drag');
    await touch.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await column('Open').getByRole('article', { name }).waitFor();
    await screenshot(page, 'phone-board-after-touch-drag');
    const api = await apiAs();
    const types = await api.get('/api/v1/item-types');
    await api.dispose();
    const open = types.data.find((t) => t.key === 'ticket').statuses.find((s) => s.name === 'Open');
    await eventually(page, async () => (await readItem(ticket.id)).status_id === open.id, 'the status did not change on the server');
  });
});

test('the app is installable: manifest and service worker', TIMEOUT, async () => {
  await withPage({ storageState: await signedInState() }, async (page) => {
    await page.goto('/tickets');
    await expectShell(page);
    const manifest = await page.evaluate(async () => {
      const link = document.querySelector('link[rel="manifest"]');
      return (await fetch(link.href)).json();
    });
    assert.equal(manifest.start_url, '/tickets');
    assert.equal(manifest.display, 'standalone');
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    assert.equal(new URL(scope).pathname, '/');
    const cached = await page.evaluate(async () => {
      const keys = await caches.keys();
      const cache = await caches.open(keys[0]);
      return (await cache.keys()).map((request) => new URL(request.url).pathname);
    });
    assert.ok(cached.includes('/index.html'), `the shell is cached: ${cached}`);
    assert.ok(cached.some((path) => path.startsWith('/assets/') && path.endsWith('.js')), 'the script is cached');
  });
});
