import { useCallback, useEffect, useState } from 'react';
import { ApiError, api, arrivedEarly, fetchAll, pageUrl, type Page } from '../api';
import type { Item } from '../model';
import { useLiveEvents } from './live';
import { FIRST_PAGE } from './scope';

/** Items of some types in a scope, kept current by live events. */
export interface ItemSet {
  items: Item[];
  /** True until the last page has arrived (the first pages are shown meanwhile). */
  loading: boolean;
  error: unknown;
  /** Puts a changed or new item in place (or removes it when it no longer belongs). */
  upsert: (item: Item) => void;
}

// The items loaded for one query, so that a new query never shows the rows of the one before.
interface Loaded {
  query: string;
  items: Item[];
}

const NOTHING: Item[] = [];

/** The first page of `query` when its early read has arrived: the list shows it in its very first render. */
function arrivedFirstPage(query: string): Loaded {
  return { query, items: arrivedEarly<Page<Item>>(pageUrl(`/items?${query}`, FIRST_PAGE))?.data ?? NOTHING };
}

/** Loads every item matching `query` (`type=ticket&project_id=3`…), page by page, and follows live changes. */
export function useItems(query: string, belongs: (item: Item) => boolean): ItemSet {
  const [loaded, setLoaded] = useState<Loaded>(() => arrivedFirstPage(query));
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const abort = new AbortController();
    setLoading(true);
    setError(null);
    fetchAll<Item>(`/items?${query}`, (rows) => setLoaded({ query, items: rows }), abort.signal, FIRST_PAGE).then(
      () => !abort.signal.aborted && setLoading(false),
      (err: unknown) => {
        if (abort.signal.aborted) return;
        setError(err);
        setLoading(false);
      },
    );
    return () => abort.abort();
  }, [query]);

  // Changes to the items of this query; those of another are dropped (its rows are on their way).
  const change = useCallback(
    (update: (items: Item[]) => Item[]) =>
      setLoaded((current) => (current.query === query ? { query, items: update(current.items) } : current)),
    [query],
  );

  const upsert = useCallback(
    (item: Item) => {
      change((current) => {
        const index = current.findIndex((candidate) => candidate.id === item.id);
        const keep = belongs(item);
        if (index < 0) return keep ? [item, ...current] : current;
        const next = current.slice();
        if (keep) next[index] = item;
        else next.splice(index, 1);
        return next;
      });
    },
    [belongs, change],
  );

  useLiveEvents((event) => {
    if (event.entity_type !== 'item') return;
    if (event.kind === 'item.deleted') {
      change((current) => current.filter((item) => item.id !== event.entity_id));
      return;
    }
    api.get<Item>(`/items/${event.entity_id}`).then(upsert, (err: unknown) => {
      if (err instanceof ApiError && err.status === 404) change((current) => current.filter((item) => item.id !== event.entity_id));
    });
  });

  return { items: loaded.query === query ? loaded.items : NOTHING, loading, error, upsert };
}

/** Finds the item with `number` (as in a web link); null when there is none the user may see. */
export async function itemByNumber(number: number): Promise<Item | null> {
  const page = await api.get<{ data: Item[] }>(`/items?number=${number}&limit=1`);
  return page.data[0] ?? null;
}
