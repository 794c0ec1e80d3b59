// Free of React, like everything it imports: the entry runs it before the app's code has loaded.
import { PAGE, pageUrl, readEarly } from '../api';
import { FIRST_PAGE, itemsQuery, storedScope } from './scope';

/** What the workspace reads: single resources, and lists read to the end. */
export const READ = { modules: '/settings/modules', tree: '/tree' } as const;
export const LIST = {
  types: '/item-types',
  users: '/users',
  teams: '/teams',
  projects: '/projects',
  portfolios: '/portfolios',
  fields: '/custom-fields',
} as const;

/**
 * Starts, in parallel and before anything renders, the reads the first screen waits for: who is signed in,
 * the workspace, and on the Tickets app the first page of its list. Signed out, they answer 401 and the
 * sign-in page shows as before.
 */
export function startFirstReads(pathname: string): void {
  const tickets = pathname === '/' || /^\/tickets(\/|$)/.test(pathname);
  readEarly([
    '/me',
    ...Object.values(READ),
    ...Object.values(LIST).map((path) => pageUrl(path, PAGE)),
    ...(tickets ? [pageUrl(`/items?${itemsQuery(['ticket'], storedScope())}`, FIRST_PAGE)] : []),
  ]);
}
