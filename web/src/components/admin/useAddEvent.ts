import { useEffect, useRef } from 'react';
import { ADD_EVENT } from '../../apps';

/** Calls the latest `onAdd` when the top bar's Add button is pressed in this app. */
export function useAddEvent(onAdd: () => void): void {
  const latest = useRef(onAdd);
  latest.current = onAdd;
  useEffect(() => {
    const listener = () => latest.current();
    window.addEventListener(ADD_EVENT, listener);
    return () => window.removeEventListener(ADD_EVENT, listener);
  }, []);
}
