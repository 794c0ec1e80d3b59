import { describe, expect, it } from 'vitest';
import type { Timesheet } from '../model';
import { canDecide, DEFAULT_FILTERS, filterQuery, groupSheets, sheetTotals } from './sheets';

function sheet(id: number, fields: Partial<Timesheet>): Timesheet {
  return {
    id,
    item_id: 1,
    item_number: 1,
    item_title: 'Item',
    project_id: null,
    organization_id: null,
    user_id: 1,
    user_name: 'Ada',
    started_at: '2026-10-05T09:00:00',
    ended_at: '2026-10-05T10:00:00',
    minutes: 60,
    billable: true,
    hourly_rate: 0,
    amount: 0,
    note: '',
    status: 'draft',
    reason: '',
    decided_by: null,
    decided_at: null,
    invoiced: false,
    invoiced_at: null,
    invoice_reference: '',
    created_at: '2026-10-05T10:00:00Z',
    updated_at: '2026-10-05T10:00:00Z',
    ...fields,
  };
}

describe('filterQuery', () => {
  it('turns the period into days and leaves out what is not filtered', () => {
    expect(filterQuery(DEFAULT_FILTERS, '2026-12-04')).toBe('from=2026-12-01&to=2026-12-31');
    expect(filterQuery({ ...DEFAULT_FILTERS, period: 'all' }, '2026-12-04')).toBe('');
  });
  it('names every filter set', () => {
    const query = filterQuery(
      { period: 'custom', from: '2026-10-01', to: '', projectId: '3', userId: '7', status: 'submitted', billable: 'false' },
      '2026-12-04',
    );
    expect(query).toBe('from=2026-10-01&project_id=3&user_id=7&status=submitted&billable=false');
  });
});

describe('groupSheets', () => {
  const sheets = [
    sheet(4, { started_at: '2026-10-13T09:00:00', minutes: 45, user_id: 2 }),
    sheet(3, { started_at: '2026-10-12T09:00:00', minutes: 120 }),
    sheet(2, { started_at: '2026-10-06T09:00:00', minutes: 30, billable: false, user_id: 2 }),
    sheet(1, { started_at: '2026-10-05T09:00:00', minutes: 60 }),
  ];
  it('groups by week, newest first, with totals', () => {
    const groups = groupSheets(sheets, 'week');
    expect(groups.map((g) => [g.key, g.minutes, g.billableMinutes, g.rows.map((r) => r.id)])).toEqual([
      ['2026-10-12', 165, 165, [4, 3]],
      ['2026-10-05', 90, 60, [2, 1]],
    ]);
  });
  it('groups by user in order of appearance', () => {
    expect(groupSheets(sheets, 'user').map((g) => [g.key, g.minutes])).toEqual([
      ['2', 75],
      ['1', 180],
    ]);
  });
  it('puts the latest start first, whatever order the timesheets were entered in', () => {
    const shuffled = [sheets[3], sheets[0], sheets[2], sheets[1]].filter((s) => s !== undefined);
    expect(groupSheets(shuffled, '')[0]?.rows.map((r) => r.id)).toEqual([4, 3, 2, 1]);
    expect(groupSheets(shuffled, 'user').map((g) => g.rows.map((r) => r.id))).toEqual([
      [4, 2],
      [3, 1],
    ]);
  });
  it('keeps one group without grouping', () => {
    expect(groupSheets(sheets, '')).toHaveLength(1);
    expect(groupSheets([], '')).toEqual([]);
  });
  it('adds up the totals', () => {
    expect(sheetTotals(sheets)).toEqual({ minutes: 255, billableMinutes: 225 });
  });
});

describe('canDecide', () => {
  const roles: Record<number, string> = { 1: 'lead', 2: 'standard', 3: 'manager' };
  const roleIn = (projectId: number) => roles[projectId];
  it('lets leads and managers of the project decide', () => {
    expect(canDecide({ project_id: 1 }, false, roleIn)).toBe(true);
    expect(canDecide({ project_id: 3 }, false, roleIn)).toBe(true);
    expect(canDecide({ project_id: 2 }, false, roleIn)).toBe(false);
    expect(canDecide({ project_id: 9 }, false, roleIn)).toBe(false);
  });
  it('leaves time outside projects to admins', () => {
    expect(canDecide({ project_id: null }, false, roleIn)).toBe(false);
    expect(canDecide({ project_id: null }, true, roleIn)).toBe(true);
    expect(canDecide({ project_id: 2 }, true, roleIn)).toBe(true);
  });
});
