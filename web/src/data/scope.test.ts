import { describe, expect, it } from 'vitest';
import { itemsQuery, scopeQuery } from './scope';

describe('itemsQuery', () => {
  it('asks for the types, newest change first, narrowed to the scope', () => {
    expect(itemsQuery(['ticket'], { kind: 'all' })).toBe('type=ticket&sort=-updated_at');
    expect(itemsQuery(['task', 'bug'], { kind: 'project', id: 7 })).toBe('type=task,bug&sort=-updated_at&project_id=7');
    expect(itemsQuery(['ticket'], { kind: 'folder', id: 3, projectId: 7 })).toBe('type=ticket&sort=-updated_at&folder_id=3');
  });
});

describe('scopeQuery', () => {
  it('names the portfolio, project or folder, and nothing for everything', () => {
    expect(scopeQuery({ kind: 'all' })).toBe('');
    expect(scopeQuery({ kind: 'portfolio', id: 2 })).toBe('portfolio_id=2');
  });
});
