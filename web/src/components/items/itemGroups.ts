import type { TFunction } from 'i18next';
import { partyName, type Workspace } from '../../data/workspace';
import type { Item } from '../../model';

/** What the flat list can group by; two may be chosen, one inside the other. */
export const GROUP_KEYS = ['status', 'priority', 'project', 'assignee', 'type'] as const;
export type GroupKey = (typeof GROUP_KEYS)[number];

/** A row of the grouped list: a group heading, or an item with its position among the visible items. */
export type ListRow =
  | { kind: 'group'; key: string; depth: number; label: string; count: number; open: boolean }
  | { kind: 'item'; item: Item; index: number; depth: number };

interface Bucket {
  key: string;
  label: string;
  order: number | string;
  items: Item[];
}

function bucketOf(ws: Workspace, t: TFunction, item: Item, by: GroupKey): Omit<Bucket, 'items'> {
  switch (by) {
    case 'status': {
      const status = ws.statusById.get(item.status_id);
      const type = ws.types.find((candidate) => candidate.id === item.type_id);
      return { key: `s${item.status_id}`, label: status?.name ?? '—', order: (type?.position ?? 0) * 1000 + (status?.position ?? 0) };
    }
    case 'priority':
      return {
        key: `p${item.priority}`,
        label: item.priority === 0 ? t('items.noPriority') : t(`items.priorities.${item.priority}` as 'items.priorities.1'),
        order: -item.priority,
      };
    case 'project': {
      const name = item.project_id === null ? null : (ws.projectById.get(item.project_id)?.name ?? `#${item.project_id}`);
      return { key: `j${item.project_id}`, label: name ?? t('items.noProject'), order: name === null ? '' : `~${name.toLowerCase()}` };
    }
    case 'assignee': {
      const first = item.assignees[0];
      if (!first) return { key: 'a-', label: t('items.unassigned'), order: '' };
      const name = partyName(ws, first);
      return { key: `a${first.kind}${first.id}`, label: name, order: `~${name.toLowerCase()}` };
    }
    case 'type': {
      const type = ws.types.find((candidate) => candidate.id === item.type_id);
      return { key: `t${item.type_id}`, label: type?.name ?? item.type, order: type?.position ?? 0 };
    }
  }
}

/**
 * Groups `items` (already sorted) by `groupBy`, outer level first, keeping the sort inside each group.
 * Returns the rows to show (headings of folded groups hide their items) and the visible items in row order.
 */
export function groupRows(
  ws: Workspace,
  t: TFunction,
  items: Item[],
  groupBy: GroupKey[],
  folded: Set<string>,
): { rows: ListRow[]; ordered: Item[] } {
  const rows: ListRow[] = [];
  const ordered: Item[] = [];
  const walk = (list: Item[], level: number, path: string) => {
    const by = groupBy[level];
    if (by === undefined) {
      for (const item of list) {
        rows.push({ kind: 'item', item, index: ordered.length, depth: level });
        ordered.push(item);
      }
      return;
    }
    const buckets = new Map<string, Bucket>();
    for (const item of list) {
      const head = bucketOf(ws, t, item, by);
      const bucket = buckets.get(head.key) ?? { ...head, items: [] };
      bucket.items.push(item);
      buckets.set(head.key, bucket);
    }
    const sorted = [...buckets.values()].sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));
    for (const bucket of sorted) {
      const key = `${path}/${bucket.key}`;
      const open = !folded.has(key);
      rows.push({ kind: 'group', key, depth: level, label: bucket.label, count: bucket.items.length, open });
      if (open) walk(bucket.items, level + 1, key);
    }
  };
  walk(items, 0, '');
  return { rows, ordered };
}
