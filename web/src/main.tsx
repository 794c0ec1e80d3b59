// The entry is small and free of React on purpose: it starts the reads the first screen waits for while the
// browser fetches and compiles the app (start.tsx), which is most of the code, and uses that wait to build the
// date formatter the list needs (its first build loads locale data: tens of milliseconds).
import { startFirstReads } from './data/boot';
import { initialLanguage } from './language';
import { prepareRelativeTime } from './time/relativeTime';

startFirstReads(window.location.pathname);
void import('./start');
window.setTimeout(() => prepareRelativeTime(initialLanguage()), 0);

// The service worker keeps the app shell for fast starts and offline use (production builds only).
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => undefined);
  });
}
