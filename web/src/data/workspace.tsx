import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, fetchAll, type User } from '../api';
import { UnavailablePage } from '../components/auth/UnavailablePage';
import type { CustomField, ItemType, Modules, Portfolio, Project, Status, Team, Tree } from '../model';
import { READ, LIST } from './boot';
import { useLiveEvents } from './live';
import { rememberScope, storedScope, type Scope } from './scope';

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

type Loaded = Omit<Workspace, 'me' | 'scope' | 'setScope' | 'reload' | 'statusById' | 'userById' | 'teamById' | 'projectById'>;

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
    rememberScope(next);
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

/** The name of a party (user or team) for display. */
export function partyName(ws: Workspace, party: { kind: string; id: number }): string {
  if (party.kind === 'team') return ws.teamById.get(party.id)?.name ?? `#${party.id}`;
  return ws.userById.get(party.id)?.name ?? `#${party.id}`;
}
