import { useCallback, useState } from 'react';

/**
 * Runs user actions that may fail: `run` clears the last error, awaits the action, calls `after` on success
 * and keeps a failure in `error`; `saved` says whether the last action succeeded.
 */
export function useAction(): {
  error: unknown;
  saved: boolean;
  run: (action: () => Promise<unknown>, after?: () => void) => Promise<void>;
} {
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const run = useCallback(async (action: () => Promise<unknown>, after?: () => void) => {
    setError(null);
    setSaved(false);
    try {
      await action();
      setSaved(true);
      after?.();
    } catch (err) {
      setError(err);
    }
  }, []);
  return { error, saved, run };
}
