import type { Workspace } from '../../data/workspace';
import { partyName } from '../../data/workspace';
import type { Item } from '../../model';

/** The columns of the flat list, in order; each sorts. */
export const COLUMNS = ['number', 'title', 'status', 'priority', 'assignees', 'project', 'updated'] as const;
export type Column = (typeof COLUMNS)[number];

/** A sort: a column and its direction. */
export interface Sort {
  column: Column;
  descending: boolean;
}

/** Filters of the item views; empty strings mean "any". */
export interface Filters {
  text: string;
  status: string;
  assignee: string;
  project: string;
  /** Values of custom fields by key (a user field holds the user id). */
  custom: Record<string, string>;
}

export const NO_FILTERS: Filters = { text: '', status: '', assignee: '', project: '', custom: {} };

/** Whether a custom field's stored value matches a filter value (any of a multiple choice; checkboxes as true/false). */
function customMatches(value: unknown, wanted: string): boolean {
  if (Array.isArray(value)) return value.some((v) => String(v) === wanted);
  if (wanted === 'false') return value !== true;
  return value !== null && value !== undefined && String(value) === wanted;
}

function sortKey(ws: Workspace, item: Item, column: Column): string | number {
  switch (column) {
    case 'number':
      return item.number;
    case 'title':
      return item.title.toLowerCase();
    case 'status':
      return ws.statusById.get(item.status_id)?.position ?? 0;
    case 'priority':
      return item.priority;
    case 'assignees':
      return item.assignees.map((party) => partyName(ws, party)).join(', ').toLowerCase() || '\uffff';
    case 'project':
      return (item.project_id === null ? '' : ws.projectById.get(item.project_id)?.name ?? '').toLowerCase() || '\uffff';
    case 'updated':
      return item.updated_at;
  }
}

function matches(item: Item, filters: Filters, words: string[], me: number): boolean {
  if (filters.status !== '' && String(item.status_id) !== filters.status) return false;
  if (filters.project !== '') {
    if (filters.project === 'none' ? item.project_id !== null : String(item.project_id) !== filters.project) return false;
  }
  if (filters.assignee !== '') {
    if (filters.assignee === 'none') {
      if (item.assignees.length > 0) return false;
    } else {
      const [kind, id] = filters.assignee === 'me' ? ['user', me] : filters.assignee.split(':');
      if (!item.assignees.some((party) => party.kind === kind && String(party.id) === String(id))) return false;
    }
  }
  for (const [key, wanted] of Object.entries(filters.custom)) {
    if (wanted !== '' && !customMatches(item.custom_fields[key], wanted)) return false;
  }
  if (words.length > 0) {
    const text = `${item.number} ${item.title}`.toLowerCase();
    if (!words.every((word) => text.includes(word))) return false;
  }
  return true;
}

/** The items that pass `filters`, in `sort` order (ties by number, newest first). */
export function arrange(ws: Workspace, items: Item[], filters: Filters, sort: Sort): Item[] {
  const words = filters.text.toLowerCase().split(/\s+/).filter(Boolean);
  const kept = items.filter((item) => matches(item, filters, words, ws.me.id));
  const keyed = kept.map((item) => ({ item, key: sortKey(ws, item, sort.column) }));
  const direction = sort.descending ? -1 : 1;
  keyed.sort((a, b) => {
    if (a.key < b.key) return -direction;
    if (a.key > b.key) return direction;
    return b.item.number - a.item.number;
  });
  return keyed.map((entry) => entry.item);
}
