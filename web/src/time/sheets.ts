// The filters of the time screens as API query parameters, and timesheets grouped with their totals.
import type { Timesheet, TimesheetStatus } from '../model';
import { mondayOf, periodRange, type Period } from './weeks';

/** What the time screens are narrowed to; empty strings mean "any". */
export interface TimeFilters {
  period: Period;
  /** The first and last day of a custom period. */
  from: string;
  to: string;
  projectId: string;
  userId: string;
  status: '' | TimesheetStatus;
  billable: '' | 'true' | 'false';
}

export const DEFAULT_FILTERS: TimeFilters = {
  period: 'this_month',
  from: '',
  to: '',
  projectId: '',
  userId: '',
  status: '',
  billable: '',
};

/** The first and last day the filters cover (either may be absent), with `today` as an ISO day. */
export function filterRange(filters: TimeFilters, today: string): { from?: string; to?: string } {
  if (filters.period !== 'custom') return periodRange(filters.period, today);
  return { ...(filters.from ? { from: filters.from } : {}), ...(filters.to ? { to: filters.to } : {}) };
}

/** The filters as the query of GET /timesheets and /reports/timesheets ("from=…&project_id=…"). */
export function filterQuery(filters: TimeFilters, today: string): string {
  const range = filterRange(filters, today);
  const params = new URLSearchParams();
  if (range.from) params.set('from', range.from);
  if (range.to) params.set('to', range.to);
  if (filters.projectId) params.set('project_id', filters.projectId);
  if (filters.userId) params.set('user_id', filters.userId);
  if (filters.status) params.set('status', filters.status);
  if (filters.billable) params.set('billable', filters.billable);
  return params.toString();
}

/** How the timesheet list can be grouped. */
export const LIST_GROUPINGS = ['', 'day', 'week', 'user', 'project', 'item', 'status'] as const;
export type ListGrouping = (typeof LIST_GROUPINGS)[number];

/** A group of the timesheet list with its totals. */
export interface SheetGroup {
  key: string;
  rows: Timesheet[];
  minutes: number;
  billableMinutes: number;
}

/** The local day (YYYY-MM-DD) a timesheet starts on. */
export function sheetDay(sheet: Timesheet): string {
  const at = new Date(sheet.started_at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

function groupKey(sheet: Timesheet, grouping: ListGrouping): string {
  switch (grouping) {
    case '':
      return '';
    case 'day':
      return sheetDay(sheet);
    case 'week':
      return mondayOf(sheetDay(sheet));
    case 'user':
      return String(sheet.user_id);
    case 'project':
      return sheet.project_id === null ? '' : String(sheet.project_id);
    case 'item':
      return String(sheet.item_id);
    case 'status':
      return sheet.status;
  }
}

/**
 * Groups `sheets` by `grouping`, each group's rows latest start first; groups of days and weeks come newest
 * first, the others in order of their latest row. No grouping gives one group.
 */
export function groupSheets(sheets: Timesheet[], grouping: ListGrouping): SheetGroup[] {
  const groups = new Map<string, SheetGroup>();
  const latestFirst = sheets.slice().sort((a, b) => Date.parse(b.started_at) - Date.parse(a.started_at) || b.id - a.id);
  for (const sheet of latestFirst) {
    const key = groupKey(sheet, grouping);
    let group = groups.get(key);
    if (group === undefined) {
      group = { key, rows: [], minutes: 0, billableMinutes: 0 };
      groups.set(key, group);
    }
    group.rows.push(sheet);
    group.minutes += sheet.minutes;
    if (sheet.billable) group.billableMinutes += sheet.minutes;
  }
  const list = [...groups.values()];
  if (grouping === 'day' || grouping === 'week') list.sort((a, b) => b.key.localeCompare(a.key));
  return list;
}

/** The total minutes and billable minutes of `sheets`. */
export function sheetTotals(sheets: Timesheet[]): { minutes: number; billableMinutes: number } {
  let minutes = 0;
  let billableMinutes = 0;
  for (const sheet of sheets) {
    minutes += sheet.minutes;
    if (sheet.billable) billableMinutes += sheet.minutes;
  }
  return { minutes, billableMinutes };
}

/**
 * Whether someone may approve or reject `sheet`: admins always; others when their role in the sheet's
 * project (`roleIn`, through teams too) is lead or manager. Time outside projects is for admins only.
 */
export function canDecide(sheet: Pick<Timesheet, 'project_id'>, isAdmin: boolean, roleIn: (projectId: number) => string | null | undefined): boolean {
  if (isAdmin) return true;
  if (sheet.project_id === null) return false;
  const role = roleIn(sheet.project_id);
  return role === 'lead' || role === 'manager';
}
