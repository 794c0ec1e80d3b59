// Free of React: the entry imports it to start the first reads before the app's code has loaded.

/** What the item views are narrowed to: everything, or one portfolio, project or folder. */
export type Scope =
  | { kind: 'all' }
  | { kind: 'portfolio'; id: number }
  | { kind: 'project'; id: number }
  | { kind: 'folder'; id: number; projectId: number };

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

/** Remembers `scope` for later visits in this browser (when storage is available). */
export function rememberScope(scope: Scope): void {
  try {
    localStorage.setItem(SCOPE_KEY, JSON.stringify(scope));
  } catch {
    // The choice still applies to this visit.
  }
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

/** Rows of the first page of an item list: few, to show them at once. */
export const FIRST_PAGE = 50;

/** The query of the item list of `typeKeys` in `scope`, newest change first. */
export function itemsQuery(typeKeys: readonly string[], scope: Scope): string {
  const narrow = scopeQuery(scope);
  return `type=${typeKeys.join(',')}&sort=-updated_at${narrow === '' ? '' : `&${narrow}`}`;
}
