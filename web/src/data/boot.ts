import { pageUrl, readEarly } from '../api';
import { FIRST_PAGE, itemsQuery } from './items';
import { WORKSPACE_READS, storedScope } from './workspace';

/**
 * Starts, in parallel and before anything renders, the reads the first screen waits for: who is signed in,
 * the workspace, and on the Tickets app the first page of its list. Signed out, they answer 401 and the
 * sign-in page shows as before.
 */
export function startFirstReads(pathname: string): void {
  const tickets = pathname === '/' || /^\/tickets(\/|$)/.test(pathname);
  readEarly(['/me', ...WORKSPACE_READS, ...(tickets ? [pageUrl(`/items?${itemsQuery(['ticket'], storedScope())}`, FIRST_PAGE)] : [])]);
}
