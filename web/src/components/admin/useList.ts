import { useCallback, useEffect, useState } from 'react';
import { fetchAll } from '../../api';

/** Every row of a list endpoint, with a reload; `error` holds the last failure. */
export function useList<T>(path: string): { rows: T[] | null; error: unknown; reload: () => void } {
  const [rows, setRows] = useState<T[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const reload = useCallback(() => {
    fetchAll<T>(path).then(setRows, setError);
  }, [path]);
  useEffect(reload, [reload]);
  return { rows, error, reload };
}
