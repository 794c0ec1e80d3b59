import { useEffect, useRef, useState } from 'react';

/** What to ask for a query: null when it asks for nothing, else the request to send after the pause. */
export type Lookup<T> = (q: string) => (() => Promise<T[]>) | null;

/**
 * The answer to the trimmed `query`, asked 150 ms after it last changed, for pickers and search boxes that
 * ask the server as the user types. When `lookup` asks for nothing the results are empty at once; a failed
 * request gives no results; an answer to an older query is dropped. `onFound` runs with each answer kept.
 */
export function useDebouncedLookup<T>(query: string, lookup: Lookup<T>, onFound?: (results: T[]) => void): T[] {
  const [results, setResults] = useState<T[]>([]);
  const latest = useRef({ lookup, onFound });
  latest.current = { lookup, onFound };

  useEffect(() => {
    const request = latest.current.lookup(query.trim());
    if (request === null) {
      setResults([]);
      return;
    }
    let current = true;
    const timer = window.setTimeout(() => {
      request().then(
        (found) => {
          if (!current) return;
          setResults(found);
          latest.current.onFound?.(found);
        },
        () => current && setResults([]),
      );
    }, 150);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [query]);

  return results;
}
