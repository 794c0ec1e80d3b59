import { useCallback, useState } from 'react';

/** Like useState, but remembered in localStorage under `key`; `accept` vets what was stored (else `initial`). */
export function useStoredState<T>(key: string, initial: T, accept: (value: unknown) => value is T): [T, (value: T) => void] {
  const [value, setValue] = useState<T>(() => {
    try {
      const stored: unknown = JSON.parse(localStorage.getItem(key) ?? 'null');
      return accept(stored) ? stored : initial;
    } catch {
      return initial;
    }
  });
  const set = useCallback(
    (next: T) => {
      setValue(next);
      try {
        localStorage.setItem(key, JSON.stringify(next));
      } catch {
        // Storage may be unavailable (private mode); the choice still applies to this visit.
      }
    },
    [key],
  );
  return [value, set];
}
