import type { IconName } from './components/ui/Icon';

/** One app of the workspace, as listed in the navigation. */
export interface AppEntry {
  id: 'tickets' | 'tasks' | 'projects' | 'customers' | 'people' | 'admin';
  path: string;
  icon: IconName;
}

/** The app a signed-in person lands on. */
export const HOME_APP: AppEntry = { id: 'tickets', path: '/tickets', icon: 'inbox' };

export const APPS: readonly AppEntry[] = [
  HOME_APP,
  { id: 'tasks', path: '/tasks', icon: 'check' },
  { id: 'projects', path: '/projects', icon: 'board' },
  { id: 'customers', path: '/customers', icon: 'building' },
  { id: 'people', path: '/people', icon: 'people' },
  { id: 'admin', path: '/admin', icon: 'sliders' },
];

/** Returns the app whose section contains `path`, or undefined for paths outside every app. */
export function appForPath(path: string): AppEntry | undefined {
  return APPS.find((app) => path === app.path || path.startsWith(`${app.path}/`));
}
