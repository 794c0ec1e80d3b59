import { useSyncExternalStore, type MouseEvent } from 'react';

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

function currentPath(): string {
  return window.location.pathname;
}

/** Moves the browser to `path` without reloading; `replace` rewrites the current history entry. */
export function navigate(path: string, replace = false): void {
  if (path === currentPath()) return;
  if (replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  listeners.forEach((listener) => listener());
}

/** Returns the current URL path and re-renders the caller whenever it changes. */
export function usePath(): string {
  return useSyncExternalStore(subscribe, currentPath);
}

/** Click handler for in-app links: plain left clicks navigate in place, modified clicks keep browser behaviour. */
export function followLink(event: MouseEvent<HTMLAnchorElement>, onFollow?: () => void): void {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(event.currentTarget.pathname);
  onFollow?.();
}
