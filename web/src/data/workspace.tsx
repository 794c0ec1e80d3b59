import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { PAGE, api, fetchAll, pageUrl, type User } from '../api';
import { UnavailablePage } from '../components/auth/UnavailablePage';
import type { CustomField, ItemType, Modules, Portfolio, Project, Status, Team, Tree } from '../model';
import { useLiveEvents } from './live';

/** What the item views are narrowed to: everything, or one portfolio, project or folder. */
export type Scope =
  | { kind: 'all' }
  | { kind: 'portfolio'; id: number }
  | { kind: 'project'; id: number }
  | { kind: 'folder'; id: number; projectId: number };

/** The reference data every screen needs, loaded once after sign-in and refreshed by live events. */
export interface Workspace {
  me: User;
  modules: Modules;
  types: ItemType[];
  users: User[];
  teams: Team[];
  projects: Project[];
  portfolios: Portfolio[];
  tree: Tree;
  /** Custom fields of items, in position order. */
  itemFields: CustomField[];
  scope: Scope;
  setScope: (scope: Scope) => void;
  statusById: Map<number, Status>;
  userById: Map<number, User>;
  teamById: Map<number, Team>;
  projectById: Map<number, Project>;
  /** Reloads everything (after an admin change). */
  reload: () => void;
}

const Context = createContext<Workspace | null>(null);
// Changes to these leave the reference data as it is.
const DATA_ENTITIES = new Set(['item', 'timer', 'timesheet']);
const SCOPE_KEY = 'tandem.scope';

/** The scope chosen last in this browser (everything when none was). */
export function storedScope(): Scope {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(SCOPE_KEY) ?? 'null');
    if (typeof value === 'object' && value !== null && 'kind' in value) return value as Scope;
  } catch {
    // A damaged value falls back to everything.
  }
  return { kind: 'all' };
}

type Loaded = Omit<Workspace, 'me' | 'scope' | 'setScope' | 'reload' | 'statusById' | 'userById' | 'teamById' | 'projectById'>;

// What the workspace reads: single resources, and lists read to the end.
const READ = { modules: '/settings/modules', tree: '/tree' } as const;
const LIST = { types: '/item-types', users: '/users', teams: '/teams', projects: '/projects', portfolios: '/portfolios', fields: '/custom-fields' } as const;

/** The first requests that loading the workspace makes, for starting them early. */
export const WORKSPACE_READS: readonly string[] = [...Object.values(READ), ...Object.values(LIST).map((path) => pageUrl(path, PAGE))];

async function loadWorkspace(): Promise<Loaded> {
  const [modules, types, users, teams, projects, portfolios, tree, fields] = await Promise.all([
    api.get<Modules>(READ.modules),
    fetchAll<ItemType>(LIST.types),
    fetchAll<User>(LIST.users),
    fetchAll<Team>(LIST.teams),
    fetchAll<Project>(LIST.projects),
    fetchAll<Portfolio>(LIST.portfolios),
    api.get<Tree>(READ.tree),
    fetchAll<CustomField>(LIST.fields),
  ]);
  const itemFields = fields.filter((field) => field.scope === 'item');
  return { modules, types, users, teams, projects, portfolios, tree, itemFields };
}

/** Loads the workspace for `me` and provides it to `children`; shows `fallback` until it is ready. */
export function WorkspaceProvider({ me, children, fallback }: { me: User; children: ReactNode; fallback: ReactNode }) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [scope, setScopeState] = useState<Scope>(storedScope);

  const reload = useCallback(() => {
    loadWorkspace().then(setLoaded, setError);
  }, []);
  useEffect(reload, [reload]);

  // Catalog and hierarchy changes from anyone refresh the reference data, a moment later and once per burst.
  const [stale, setStale] = useState(0);
  useLiveEvents((event) => {
    if (!DATA_ENTITIES.has(event.entity_type)) setStale((n) => n + 1);
  });
  useEffect(() => {
    if (stale === 0) return;
    const timer = window.setTimeout(reload, 500);
    return () => window.clearTimeout(timer);
  }, [stale, reload]);

  const setScope = useCallback((next: Scope) => {
    setScopeState(next);
    try {
      localStorage.setItem(SCOPE_KEY, JSON.stringify(next));
    } catch {
      // The choice still applies to this visit.
    }
  }, []);

  const value = useMemo<Workspace | null>(() => {
    if (loaded === null) return null;
    return {
      ...loaded,
      me,
      scope,
      setScope,
      reload,
      statusById: new Map(loaded.types.flatMap((type) => type.statuses.map((s) => [s.id, s] as const))),
      userById: new Map(loaded.users.map((u) => [u.id, u] as const)),
      teamById: new Map(loaded.teams.map((t) => [t.id, t] as const)),
      projectById: new Map(loaded.projects.map((p) => [p.id, p] as const)),
    };
  }, [loaded, me, scope, setScope, reload]);

  if (value === null) {
    if (error !== null)
      return (
        <UnavailablePage
          error={error}
          onRetry={() => {
            setError(null);
            reload();
          }}
        />
      );
    return <>{fallback}</>;
  }
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

/** The workspace of the signed-in user; only inside WorkspaceProvider. */
export function useWorkspace(): Workspace {
  const value = useContext(Context);
  if (value === null) throw new Error('useWorkspace outside WorkspaceProvider');
  return value;
}

/** The query parameters that narrow an item list to `scope`. */
export function scopeQuery(scope: Scope): string {
  switch (scope.kind) {
    case 'all':
      return '';
    case 'portfolio':
      return `portfolio_id=${scope.id}`;
    case 'project':
      return `project_id=${scope.id}`;
    case 'folder':
      return `folder_id=${scope.id}`;
  }
}

/** The name of a party (user or team) for display. */
export function partyName(ws: Workspace, party: { kind: string; id: number }): string {
  if (party.kind === 'team') return ws.teamById.get(party.id)?.name ?? `#${party.id}`;
  return ws.userById.get(party.id)?.name ?? `#${party.id}`;
}
