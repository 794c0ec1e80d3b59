/** Something kept in a manual order by its `position`. */
export interface Placed {
  id: number;
  position: number;
}

/**
 * The positions to store so that `id` stands at `index` among `siblings` (given in display order, with or
 * without `id` itself; `index` counts the others). Usually one change, halfway between the new neighbours;
 * when they share a position, every sibling is renumbered 0, 1, 2… and only the changed ones are returned.
 */
export function placeAt(siblings: readonly Placed[], id: number, index: number): Placed[] {
  const rest = siblings.filter((sibling) => sibling.id !== id);
  const at = Math.max(0, Math.min(index, rest.length));
  const before = rest[at - 1];
  const after = rest[at];
  if (!before && !after) return [{ id, position: 0 }];
  if (!before) return after ? [{ id, position: after.position - 1 }] : [];
  if (!after) return [{ id, position: before.position + 1 }];
  if (before.position < after.position) return [{ id, position: (before.position + after.position) / 2 }];
  const order = [...rest.slice(0, at).map((sibling) => sibling.id), id, ...rest.slice(at).map((sibling) => sibling.id)];
  const old = new Map(rest.map((sibling) => [sibling.id, sibling.position] as const));
  return order.flatMap((sibling, position) => (old.get(sibling) === position ? [] : [{ id: sibling, position }]));
}

/** Sorts by position, ties by `tie` (e.g. the item number), without changing `rows`. */
export function byPosition<T extends { position: number }>(rows: readonly T[], tie: (row: T) => number): T[] {
  return rows.slice().sort((a, b) => a.position - b.position || tie(a) - tie(b));
}
