import { useEffect, type RefObject } from 'react';

/**
 * While `active`, calls `onDismiss` on Escape and, when `inside` is given, on any press outside that element.
 */
export function useDismiss(active: boolean, onDismiss: () => void, inside?: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    if (!active) return;
    function onKey(event: KeyboardEvent) {
      if (event.key === 'Escape') onDismiss();
    }
    function onPointer(event: PointerEvent) {
      if (inside?.current && !inside.current.contains(event.target as Node)) onDismiss();
    }
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [active, onDismiss, inside]);
}
