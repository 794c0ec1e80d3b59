import { useCallback, useEffect, useState } from 'react';
import { ApiError, api, fetchAll } from '../api';
import type { Item } from '../model';
import { useLiveEvents } from './live';
import { scopeQuery, type Scope } from './workspace';

/** Items of some types in a scope, kept current by live events. */
export interface ItemSet {
  items: Item[];
  /** True until the last page has arrived (the first pages are shown meanwhile). */
  loading: boolean;
  error: unknown;
  /** Puts a changed or new item in place (or removes it when it no longer belongs). */
  upsert: (item: Item) => void;
}

/** Rows of the first page of an item list: few, to show them at once. */
export const FIRST_PAGE = 50;

/** The query of the item list of `typeKeys` in `scope`, newest change first. */
export function itemsQuery(typeKeys: readonly string[], scope: Scope): string {
  const narrow = scopeQuery(scope);
  return `type=${typeKeys.join(',')}&sort=-updated_at${narrow === '' ? '' : `&${narrow}`}`;
}

/** Loads every item matching `query` (`type=ticket&project_id=3`…), page by page, and follows live changes. */
export function useItems(query: string, belongs: (item: Item) => boolean): ItemSet {
  const [items, setItems] = useState<Item[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const abort = new AbortController();
    setLoading(true);
    setError(null);
    setItems([]);
    fetchAll<Item>(`/items?${query}`, (rows) => setItems(rows), abort.signal, FIRST_PAGE).then(
      () => !abort.signal.aborted && setLoading(false),
      (err: unknown) => {
        if (abort.signal.aborted) return;
        setError(err);
        setLoading(false);
      },
    );
    return () => abort.abort();
  }, [query]);

  const upsert = useCallback(
    (item: Item) => {
      setItems((current) => {
        const index = current.findIndex((candidate) => candidate.id === item.id);
        const keep = belongs(item);
        if (index < 0) return keep ? [item, ...current] : current;
        const next = current.slice();
        if (keep) next[index] = item;
        else next.splice(index, 1);
        return next;
      });
    },
    [belongs],
  );

  useLiveEvents((event) => {
    if (event.entity_type !== 'item') return;
    if (event.kind === 'item.deleted') {
      setItems((current) => current.filter((item) => item.id !== event.entity_id));
      return;
    }
    api.get<Item>(`/items/${event.entity_id}`).then(upsert, (err: unknown) => {
      if (err instanceof ApiError && err.status === 404)
        setItems((current) => current.filter((item) => item.id !== event.entity_id));
    });
  });

  return { items, loading, error, upsert };
}

/** Finds the item with `number` (as in a web link); null when there is none the user may see. */
export async function itemByNumber(number: number): Promise<Item | null> {
  const page = await api.get<{ data: Item[] }>(`/items?number=${number}&limit=1`);
  return page.data[0] ?? null;
}
