// Time tracking in a real browser against a running tandem server with demo data (TANDEM_URL): a timer on a
// task through start, pause, resume and stop, the review form, approval in the Timesheets app, the report
// read back from its XLSX download with openpyxl, manual entry with a rejection, a CSV import, the phone
// layout and the app in Russian.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PHONE, TIMEOUT, USER, apiAs, expectShell, screenshot, signedInState, withPage } from './helpers.mjs';

/** Runs `fn` with an API client of the e2e admin. */
async function withApi(fn) {
  const api = await apiAs();
  try {
    return await fn(api);
  } finally {
    await api.dispose();
  }
}

/** A new task in the demo's Project 1, and that project. */
async function createTask(title) {
  return withApi(async (api) => {
    const projects = await api.get('/api/v1/projects?limit=200');
    const project = projects.data.find((p) => p.name === 'Project 1');
    assert.ok(project, 'the demo has Project 1');
    const item = await api.post('/api/v1/items', { type: 'task', title, project_id: project.id });
    return { item, project };
  });
}

/** The timesheets on an item, read through the API. */
function timesheetsOf(itemId) {
  return withApi(async (api) => (await api.get(`/api/v1/timesheets?item_id=${itemId}`)).data);
}

/** Polls the API until `check` holds for the item's timesheets (the UI writes asynchronously). */
async function waitForTimesheets(page, itemId, check) {
  for (let attempt = 0; attempt < 100; attempt++) {
    const sheets = await timesheetsOf(itemId);
    if (check(sheets)) return sheets;
    await page.waitForTimeout(100);
  }
  throw new Error(`the timesheets of item ${itemId} never matched: ${JSON.stringify(await timesheetsOf(itemId))}`);
}

// Debian's python3-openpyxl belongs to the system interpreter, which CMake's TANDEM_PYTHON prefers too.
const PYTHON = process.env.TANDEM_PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');

/** The rows of every sheet of an XLSX file as JSON, read by openpyxl. */
function readWorkbook(path) {
  const script = [
    'import json, sys, openpyxl',
    'book = openpyxl.load_workbook(sys.argv[1], data_only=True)',
    'print(json.dumps({ws.title: [list(row) for row in ws.iter_rows(values_only=True)] for ws in book.worksheets}, default=str))',
  ].join('\n');
  return JSON.parse(execFileSync(PYTHON, ['-c', script, path], { encoding: 'utf8' }));
}

const panel = (page) => page.getByRole('complementary', { name: 'Item details' });

test('a timer on a task becomes an approved timesheet that the XLSX report lists', TIMEOUT, async () => {
  const { item, project } = await createTask('Calibrate the flux capacitor');
  await withPage({ viewport: { width: 1440, height: 900 }, storageState: await signedInState() }, async (page) => {
    await page.goto(`/tasks/${item.number}`);
    await expectShell(page);
    const details = panel(page);
    await details.getByRole('heading', { name: item.title }).waitFor();

    // Start: the item's control shows a running clock and the top bar a chip.
    await details.getByRole('button', { name: 'Start timer' }).click();
    const control = details.getByRole('group', { name: 'Timer' });
    await control.getByRole('timer', { name: /^Running for \d+:\d\d:\d\d$/ }).waitFor();
    const chip = page.getByRole('button', { name: /^Timer running: \d+:\d\d:\d\d\. Show your timer$/ });
    await chip.waitFor();
    // The list row carries the compact clock of the same timer.
    await page.getByRole('button', { name: `Pause the timer on #${item.number}` }).first().waitFor();
    await screenshot(page, 'time-timer-running');

    // Pause and resume from the panel.
    await control.getByRole('button', { name: 'Pause timer' }).click();
    await control.getByRole('timer', { name: /^Paused at / }).waitFor();
    await page.getByRole('button', { name: '1 paused timer. Show it' }).waitFor();
    await control.getByRole('button', { name: 'Resume timer' }).click();
    await control.getByRole('timer', { name: /^Running for / }).waitFor();
    const timers = await withApi((api) => api.get('/api/v1/timers'));
    assert.deepEqual(
      timers.data.map((t) => [t.item_id, t.state]),
      [[item.id, 'running']],
    );

    // The chip's list of timers links to the item and has the same controls.
    await chip.click();
    const list = page.getByRole('group', { name: 'Your timers' });
    await list.getByText(item.title).waitFor();
    await screenshot(page, 'time-timers-popover');
    await list.getByRole('button', { name: `Stop the timer on #${item.number} and log time` }).click();

    // Review before submit is on by default: the form opens with the measured time.
    const form = page.getByRole('dialog', { name: 'Review the logged time' });
    await form.waitFor();
    const duration = form.getByLabel('Duration');
    assert.match(await duration.inputValue(), /^\d+:\d\d$/);
    assert.equal(await form.getByLabel('Billable').isChecked(), true);
    await duration.fill('1:30');
    await form.getByLabel('Note').fill('Aligned the coils and ran the self-test');
    await form.getByLabel('% complete').fill('50');
    await screenshot(page, 'time-review-form');
    await form.getByRole('button', { name: 'Submit for approval' }).click();
    await form.waitFor({ state: 'detached' });
    assert.equal(await chip.count(), 0, 'no timer is left in the top bar');

    const [sheet] = await waitForTimesheets(page, item.id, (sheets) => sheets[0]?.status === 'submitted');
    assert.equal(sheet.minutes, 90);
    assert.equal(sheet.billable, true);
    assert.equal(sheet.note, 'Aligned the coils and ran the self-test');
    const changed = await withApi((api) => api.get(`/api/v1/items/${item.id}`));
    assert.equal(changed.percent_complete, 50);

    // Approve it in the Timesheets app.
    await page.getByRole('navigation', { name: 'Apps' }).getByRole('link', { name: 'Timesheets' }).click();
    await page.getByRole('heading', { name: 'Timesheets', level: 1 }).waitFor();
    const row = page.getByRole('row').filter({ hasText: item.title });
    await row.getByText('Submitted').waitFor();
    await row.getByRole('checkbox', { name: `Select 1:30 on #${item.number}` }).check();
    const bulk = page.getByRole('group', { name: 'Actions on the selected timesheets' });
    await bulk.getByText('1 selected').waitFor();
    await screenshot(page, 'time-list-selected');
    await bulk.getByRole('button', { name: 'Approve' }).click();
    await row.getByText('Approved').waitFor();
    await waitForTimesheets(page, item.id, (sheets) => sheets[0]?.status === 'approved');
    await screenshot(page, 'time-list-approved');

    // The report: figures, the weekly chart and the grouped table; then its XLSX download.
    await page.getByRole('tab', { name: 'Report' }).click();
    const report = page.getByRole('region', { name: 'Report' });
    await report.getByRole('img', { name: 'Bar chart of the hours logged per week' }).waitFor();
    await report.getByRole('rowheader', { name: project.name }).waitFor();
    await report.getByRole('rowheader', { name: USER.name }).waitFor();
    await screenshot(page, 'time-report');

    const folder = mkdtempSync(join(tmpdir(), 'tandem-e2e-time-'));
    try {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export Excel' }).click()]);
      assert.equal(download.suggestedFilename(), 'timesheets.xlsx');
      const file = join(folder, 'timesheets.xlsx');
      await download.saveAs(file);
      const sheets = Object.values(readWorkbook(file));
      assert.equal(sheets.length, 1);
      const [header, ...rows] = sheets[0];
      assert.deepEqual(header.slice(0, 4), ['Project', 'User', 'Hours', 'Billable hours']);
      const detail = rows.find((r) => r[0] === project.name && r[1] === USER.name);
      assert.ok(detail, `a row for ${project.name} and ${USER.name} in ${JSON.stringify(rows)}`);
      assert.equal(detail[2], 1.5);
      assert.equal(detail[3], 1.5);
      const total = rows.find((r) => r[0] === 'Total');
      assert.equal(total?.[2], 1.5);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

test('time logged by hand is submitted, then rejected in bulk with a reason', TIMEOUT, async () => {
  const { item } = await createTask('Write the installation guide');
  await withPage({ viewport: { width: 1440, height: 900 }, storageState: await signedInState() }, async (page) => {
    await page.goto('/timesheets');
    await expectShell(page);
    await page.getByRole('heading', { name: 'Timesheets', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Log time' }).first().click();
    const form = page.getByRole('dialog', { name: 'Log time' });
    await form.getByLabel('Item').fill(`#${item.number}`);
    await form.getByRole('list', { name: 'Matching items' }).getByRole('button', { name: new RegExp(item.title) }).click();
    await form.getByLabel('Duration').fill('45m');
    await form.getByLabel('Billable').uncheck();
    await form.getByLabel('Note').fill('First draft of the guide');
    await screenshot(page, 'time-manual-entry');
    await form.getByRole('button', { name: 'Submit for approval' }).click();
    await form.waitFor({ state: 'detached' });

    const row = page.getByRole('row').filter({ hasText: item.title });
    await row.getByText('Submitted').waitFor();
    await row.getByText('Non-billable').waitFor();
    await row.getByRole('checkbox').check();
    await page.getByRole('group', { name: 'Actions on the selected timesheets' }).getByRole('button', { name: 'Reject' }).click();
    const reject = page.getByRole('dialog', { name: 'Reject 1 timesheet' });
    await reject.getByLabel('Reason').fill('Log the guide on the documentation task');
    await reject.getByRole('button', { name: 'Reject' }).click();
    await row.getByText('Rejected').waitFor();
    const [sheet] = await waitForTimesheets(page, item.id, (sheets) => sheets[0]?.status === 'rejected');
    assert.equal(sheet.minutes, 45);
    assert.equal(sheet.billable, false);
    assert.equal(sheet.reason, 'Log the guide on the documentation task');

    // The author sees why in the form.
    await row.getByText(item.title).click();
    await page.getByRole('dialog', { name: 'Timesheet' }).getByText('Rejected: Log the guide on the documentation task').waitFor();
  });
});

test('timesheets are imported from a CSV file and refused rows are named', TIMEOUT, async () => {
  const { item } = await createTask('Migrate the old time tracker');
  const firstOfMonth = `${new Date().toISOString().slice(0, 8)}01`;
  const csv = `Ticket,Day,Hours,Note\n${item.number},${firstOfMonth},2,Imported from the old tracker\n999999,${firstOfMonth},1,No such item\n`;
  await withPage({ viewport: { width: 1440, height: 900 }, storageState: await signedInState() }, async (page) => {
    await page.goto('/timesheets');
    await page.getByRole('heading', { name: 'Timesheets', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Import CSV' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import timesheets from CSV' });
    await dialog.getByLabel('CSV file').setInputFiles({ name: 'old-tracker.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    // The columns are mapped by their names.
    assert.equal(await dialog.getByLabel('Item number').inputValue(), 'Ticket');
    assert.equal(await dialog.getByLabel('Date', { exact: true }).inputValue(), 'Day');
    assert.equal(await dialog.getByLabel('Hours').inputValue(), 'Hours');
    assert.equal(await dialog.getByLabel('Note').inputValue(), 'Note');
    await dialog.getByRole('button', { name: 'Import' }).click();
    await dialog.getByText('1 imported, 1 refused').waitFor();
    await dialog.getByRole('list', { name: 'Refused rows' }).getByText(/^Row 2, Item number: no such item/).waitFor();
    await screenshot(page, 'time-import');
    await dialog.getByRole('button', { name: 'Close' }).click();

    const row = page.getByRole('row').filter({ hasText: item.title });
    await row.getByText('Draft').waitFor();
    await row.getByText('2:00', { exact: true }).waitFor();
    const [sheet] = await timesheetsOf(item.id);
    assert.equal(sheet.minutes, 120);
    assert.equal(sheet.note, 'Imported from the old tracker');
    assert.equal(sheet.status, 'draft');
  });
});

test('on a phone the running timer stays in the top bar and its list', TIMEOUT, async () => {
  const { item } = await createTask('Replace the hallway sensor');
  const timer = await withApi((api) => api.post('/api/v1/timers', { item_id: item.id }));
  try {
    await withPage({ ...PHONE, storageState: await signedInState() }, async (page) => {
      await page.goto('/timesheets');
      await page.getByRole('heading', { name: 'Timesheets', level: 1 }).waitFor();
      await page.getByRole('button', { name: /^Timer running: / }).click();
      await page.getByRole('group', { name: 'Your timers' }).getByText(item.title).waitFor();
      await screenshot(page, 'time-phone-timers');
      await page.keyboard.press('Escape');
      await page.getByRole('row').filter({ hasText: 'Calibrate the flux capacitor' }).getByText('Approved').waitFor();
      await screenshot(page, 'time-phone-list');
    });
  } finally {
    await withApi((api) => api.post(`/api/v1/timers/${timer.id}/stop`));
  }
});

// Runs last: it reports the time the tests above logged.
test('the timesheets report in Russian', TIMEOUT, async () => {
  await withPage({ viewport: { width: 1440, height: 900 }, locale: 'ru-RU', storageState: await signedInState() }, async (page) => {
    await page.goto('/timesheets');
    await page.getByRole('heading', { name: 'Табели', level: 1 }).waitFor();
    await page.getByRole('tab', { name: 'Отчёт' }).click();
    await page.getByRole('img', { name: 'Диаграмма часов, записанных по неделям' }).waitFor();
    await page.getByRole('rowheader', { name: 'Project 1' }).waitFor();
    await screenshot(page, 'time-report-ru');
  });
});
