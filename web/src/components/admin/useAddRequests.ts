import { useEffect, useRef } from 'react';

/** Calls the latest `onAdd` each time `requests` (presses of the top bar's Add button in this app) goes up. */
export function useAddRequests(requests: number, onAdd: () => void): void {
  const latest = useRef(onAdd);
  latest.current = onAdd;
  useEffect(() => {
    if (requests > 0) latest.current();
  }, [requests]);
}
