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

function currentSearch(): string {
  return window.location.search;
}

/** Moves the browser to `path` (which may carry a query) without reloading; `replace` rewrites the current entry. */
export function navigate(path: string, replace = false): void {
  if (path === currentPath() + currentSearch()) return;
  if (replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  listeners.forEach((listener) => listener());
}

/** Returns the current URL path and re-renders the caller whenever it changes. */
export function usePath(): string {
  return useSyncExternalStore(subscribe, currentPath);
}

/** Returns the current query parameters and re-renders the caller whenever they change. */
export function useSearchParams(): URLSearchParams {
  return new URLSearchParams(useSyncExternalStore(subscribe, currentSearch));
}

/** Click handler for in-app links: plain left clicks navigate in place, modified clicks keep browser behaviour. */
export function followLink(event: MouseEvent<HTMLAnchorElement>, onFollow?: () => void): void {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(event.currentTarget.pathname + event.currentTarget.search);
  onFollow?.();
}
