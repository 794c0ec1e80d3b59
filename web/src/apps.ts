import type { User } from './api';
import type { IconName } from './components/ui/Icon';
import type { Modules } from './model';

/** One app of the workspace, as listed in the navigation. */
export interface AppEntry {
  id: 'tickets' | 'tasks' | 'projects' | 'timesheets' | 'customers' | 'people' | 'admin';
  path: string;
  icon: IconName;
}

/** The app a signed-in person lands on. */
export const HOME_APP: AppEntry = { id: 'tickets', path: '/tickets', icon: 'inbox' };

export const APPS: readonly AppEntry[] = [
  HOME_APP,
  { id: 'tasks', path: '/tasks', icon: 'check' },
  { id: 'projects', path: '/projects', icon: 'board' },
  { id: 'timesheets', path: '/timesheets', icon: 'clock' },
  { id: 'customers', path: '/customers', icon: 'building' },
  { id: 'people', path: '/people', icon: 'people' },
  { id: 'admin', path: '/admin', icon: 'sliders' },
];

/** Returns the app whose section contains `path`, or undefined for paths outside every app. */
export function appForPath(path: string): AppEntry | undefined {
  // Items of custom types (/items/N) belong with the tasks.
  if (/^\/items\/\d+$/.test(path)) return APPS.find((app) => app.id === 'tasks');
  return APPS.find((app) => path === app.path || path.startsWith(`${app.path}/`));
}

function atLevel(user: User, name: 'tickets' | 'tasks' | 'timesheets' | 'customers'): boolean {
  return user.role === 'admin' || user.app_levels?.[name] !== 'limited';
}

/** Whether `user` tracks time: the timesheets module is on and their level does not hide it. */
export function tracksTime(user: User, modules: Modules): boolean {
  return modules.timesheets && atLevel(user, 'timesheets');
}

/** Whether `user` may use `app` with these module switches: modules off and limited app levels hide an app. */
export function appAvailable(app: AppEntry, user: User, modules: Modules): boolean {
  const level = (name: 'tickets' | 'tasks' | 'customers') => atLevel(user, name);
  switch (app.id) {
    case 'tickets':
      return modules.tickets && level('tickets');
    case 'tasks':
      return modules.tasks && level('tasks');
    case 'timesheets':
      return tracksTime(user, modules);
    case 'customers':
      return level('customers');
    case 'admin':
      return user.role === 'admin';
    default:
      return true;
  }
}
