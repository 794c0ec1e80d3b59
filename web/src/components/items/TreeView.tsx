import { useEffect, useMemo, useState, type DragEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useWorkspace } from '../../data/workspace';
import { WriteQueue } from '../../data/writeQueue';
import { describeError } from '../../describeError';
import type { Item, TreeFolder, TreePortfolio, TreeProject } from '../../model';
import { Alert } from '../ui/Alert';
import { Icon } from '../ui/Icon';
import { VirtualList } from '../ui/VirtualList';
import { ITEM_DRAG_TYPE, StatusPill } from './ItemBits';
import { byPosition, placeAt } from './reorder';

/** The drag-and-drop data type that carries a project (JSON `{id, from}`, `from` its portfolio or null). */
const PROJECT_DRAG_TYPE = 'application/x-tandem-project';
/** Present when the dragged project comes from a portfolio (data is unreadable before the drop, types are not). */
const FROM_PORTFOLIO_TYPE = 'application/x-tandem-from-portfolio';

/** Where an item dropped on a group row goes; portfolios take no items. */
type Target = { project_id: number | null; folder_id: number | null };

/** A project row's place: the portfolio it is shown in (null at the top level) and its siblings there. */
interface ProjectPlace {
  id: number;
  portfolioId: number | null;
  siblings: TreeProject[];
}

type Row =
  | {
      kind: 'group';
      key: string;
      depth: number;
      label: string;
      icon: 'layers' | 'board' | 'folder';
      count: number;
      open: boolean;
      target: Target | null;
      /** Set on project rows: they can be dragged and reordered. */
      project?: ProjectPlace;
      /** Set on portfolio rows: projects dropped on them move into the portfolio. */
      portfolioId?: number;
    }
  | { kind: 'item'; key: string; depth: number; item: Item; target: Target; siblings: Item[] };

const ROW_HEIGHT = 36;

interface TreeViewProps {
  items: Item[];
  openNumber: number;
  onOpen: (item: Item) => void;
  onChanged: (item: Item) => void;
}

const carries = (event: DragEvent, type: string) => event.dataTransfer.types.includes(type);
// Whether the pointer is in the lower half of the row (the dragged row goes after it).
const lowerHalf = (event: DragEvent) => {
  const box = event.currentTarget.getBoundingClientRect();
  return event.clientY > box.top + box.height / 2;
};
// Alt+↑ and Alt+↓ move the focused row one place; the other keys give 0.
const keyStep = (event: KeyboardEvent) => (!event.altKey ? 0 : event.key === 'ArrowUp' ? -1 : event.key === 'ArrowDown' ? 1 : 0);

/**
 * The tree: portfolio > project > folder > items, each branch folding open (only the items in view are counted).
 * Items stand in their stored order; dragging one onto another places it there (in that folder or project),
 * onto a project or folder files it there. Projects are dragged within a portfolio or onto another one, which
 * moves them out of the first. Alt+↑/↓ reorders the focused item or project without a mouse.
 */
export function TreeView({ items, onOpen, onChanged, openNumber }: TreeViewProps) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const [toggled, setToggled] = useState<Set<string>>(new Set());
  const [over, setOver] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  // The row moved with the keyboard keeps the focus at its new place.
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const [writes] = useState(() => new WriteQueue<Item>());

  const rows = useMemo(() => {
    const byFolder = new Map<number, Item[]>();
    const byProject = new Map<number | null, Item[]>();
    for (const item of items) {
      const map: Map<number | null, Item[]> = item.folder_id !== null ? byFolder : byProject;
      const key = item.folder_id ?? item.project_id;
      const list = map.get(key) ?? [];
      list.push(item);
      map.set(key, list);
    }
    const out: Row[] = [];
    // Portfolios start open, everything below them folded; a toggle flips that default.
    const isOpen = (key: string, byDefault: boolean) => (toggled.has(key) ? !byDefault : byDefault);
    const folderCount = (folder: TreeFolder): number =>
      (byFolder.get(folder.id)?.length ?? 0) + folder.folders.reduce((sum, f) => sum + folderCount(f), 0);
    const projectCount = (project: TreeProject) =>
      (byProject.get(project.id)?.length ?? 0) + project.folders.reduce((sum, f) => sum + folderCount(f), 0);
    const pushItems = (list: Item[] | undefined, depth: number, target: Target) => {
      const siblings = byPosition(list ?? [], (item) => item.number);
      siblings.forEach((item) => out.push({ kind: 'item', key: `i${item.id}`, depth, item, target, siblings }));
    };
    const addFolder = (folder: TreeFolder, projectId: number, depth: number, path: string) => {
      const key = `${path}/f${folder.id}`;
      const open = isOpen(key, false);
      const target = { project_id: projectId, folder_id: folder.id };
      out.push({ kind: 'group', key, depth, label: folder.name, icon: 'folder', count: folderCount(folder), open, target });
      if (!open) return;
      folder.folders.forEach((f) => addFolder(f, projectId, depth + 1, key));
      pushItems(byFolder.get(folder.id), depth + 1, target);
    };
    const addProject = (project: TreeProject, depth: number, path: string, place: ProjectPlace) => {
      const key = `${path}/p${project.id}`;
      const open = isOpen(key, false);
      const target = { project_id: project.id, folder_id: null };
      out.push({ kind: 'group', key, depth, label: project.name, icon: 'board', count: projectCount(project), open, target, project: place });
      if (!open) return;
      project.folders.forEach((f) => addFolder(f, project.id, depth + 1, key));
      pushItems(byProject.get(project.id), depth + 1, target);
    };
    const addProjects = (projects: TreeProject[], portfolioId: number | null, depth: number, path: string) =>
      projects.forEach((p) => addProject(p, depth, path, { id: p.id, portfolioId, siblings: projects }));
    const portfolioCount = (portfolio: TreePortfolio): number =>
      portfolio.projects.reduce((sum, p) => sum + projectCount(p), 0) +
      portfolio.portfolios.reduce((sum, p) => sum + portfolioCount(p), 0);
    const addPortfolio = (portfolio: TreePortfolio, depth: number, path: string) => {
      const key = `${path}/pf${portfolio.id}`;
      const open = isOpen(key, true);
      const count = portfolioCount(portfolio);
      out.push({ kind: 'group', key, depth, label: portfolio.name, icon: 'layers', count, open, target: null, portfolioId: portfolio.id });
      if (!open) return;
      portfolio.portfolios.forEach((p) => addPortfolio(p, depth + 1, key));
      addProjects(portfolio.projects, portfolio.id, depth + 1, key);
    };
    // Items outside every project come first: they are the ones waiting to be filed.
    const loose = byProject.get(null);
    if (loose && loose.length > 0) {
      const key = '/none';
      const open = isOpen(key, false);
      const target = { project_id: null, folder_id: null };
      out.push({ kind: 'group', key, depth: 0, label: t('items.noProject'), icon: 'folder', count: loose.length, open, target });
      if (open) pushItems(loose, 1, target);
    }
    ws.tree.portfolios.forEach((p) => addPortfolio(p, 0, ''));
    addProjects(ws.tree.projects, null, 0, '');
    return out;
  }, [items, ws.tree, toggled, t]);

  useEffect(() => {
    const tree = document.querySelector('.tree-view');
    const active = document.activeElement;
    // Only while the focus is still in the tree: a later refresh must not pull it back from elsewhere.
    if (focusKey === null || tree === null || (active !== null && active !== document.body && !tree.contains(active))) return;
    tree.querySelector<HTMLElement>(`[data-key="${focusKey}"]`)?.focus();
  }, [rows, focusKey]);

  async function attempt(action: () => Promise<unknown>) {
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(err);
    }
  }

  /** Files the item in `target` (at the end of what is shown there). */
  function file(id: number, target: Target | null) {
    const item = items.find((candidate) => candidate.id === id);
    if (!item || target === null || (item.project_id === target.project_id && item.folder_id === target.folder_id)) return;
    void attempt(() => writes.push(item.id, () => api.patch<Item>(`/items/${item.id}`, target), onChanged));
  }

  /** Puts item `id` at `index` among `siblings`, in their folder or project, storing the positions that change. */
  function placeItem(id: number, siblings: Item[], index: number, target: Target) {
    const moved = items.find((candidate) => candidate.id === id);
    if (!moved) return;
    for (const change of placeAt(siblings, id, index)) {
      const item = change.id === id ? moved : siblings.find((sibling) => sibling.id === change.id);
      if (!item) continue;
      const fields = change.id === id ? { ...target, position: change.position } : { position: change.position };
      onChanged({ ...item, ...fields });
      void attempt(() => writes.push(item.id, () => api.patch<Item>(`/items/${item.id}`, fields), onChanged));
    }
  }

  /**
   * Moves project `id` from portfolio `from` to `place` (a portfolio, or the top level when both are null), at
   * `index` among its projects there (at the end without one).
   */
  function placeProject(id: number, from: number | null, to: number | null, siblings: TreeProject[], index?: number) {
    if (to === null && from !== null) return;
    const changes = index === undefined ? [{ id, position: undefined }] : placeAt(siblings, id, index);
    void attempt(async () => {
      // The moved project leaves its old portfolio in the same call that puts it into the new one.
      const leaving = from !== null && from !== to ? { from_portfolio_id: from } : {};
      for (const change of changes) {
        const body = change.position === undefined ? {} : { position: change.position };
        if (to === null) await api.patch(`/projects/${change.id}`, body);
        else await api.put(`/portfolios/${to}/projects/${change.id}`, change.id === id ? { ...body, ...leaving } : body);
      }
    }).finally(ws.reload);
  }

  function toggle(key: string) {
    setToggled((current) => {
      const next = new Set(current);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  }

  function dropOnGroup(event: DragEvent, row: Extract<Row, { kind: 'group' }>) {
    if (!accepts(event, row)) return;
    event.preventDefault();
    setOver(null);
    if (carries(event, PROJECT_DRAG_TYPE)) {
      const dragged = JSON.parse(event.dataTransfer.getData(PROJECT_DRAG_TYPE)) as { id: number; from: number | null };
      if (row.portfolioId !== undefined) {
        if (dragged.from !== row.portfolioId) placeProject(dragged.id, dragged.from, row.portfolioId, []);
      } else if (row.project && row.project.id !== dragged.id) {
        const index = row.project.siblings.filter((p) => p.id !== dragged.id).findIndex((p) => p.id === row.project?.id);
        placeProject(dragged.id, dragged.from, row.project.portfolioId, row.project.siblings, index + (lowerHalf(event) ? 1 : 0));
      }
      return;
    }
    file(Number(event.dataTransfer.getData(ITEM_DRAG_TYPE)), row.target);
  }

  function dropOnItem(event: DragEvent, row: Extract<Row, { kind: 'item' }>) {
    if (!carries(event, ITEM_DRAG_TYPE)) return;
    event.preventDefault();
    setOver(null);
    const id = Number(event.dataTransfer.getData(ITEM_DRAG_TYPE));
    if (id === row.item.id) return;
    const index = row.siblings.filter((item) => item.id !== id).findIndex((item) => item.id === row.item.id);
    placeItem(id, row.siblings, index + (lowerHalf(event) ? 1 : 0), row.target);
  }

  // A group row takes items when it is a project or folder, projects when it is a portfolio or a project (one
  // outside portfolios only from outside portfolios: the top level is no portfolio to move into).
  const accepts = (event: DragEvent, row: Row) => {
    if (row.kind === 'item') return carries(event, ITEM_DRAG_TYPE);
    if (!carries(event, PROJECT_DRAG_TYPE)) return row.target !== null && carries(event, ITEM_DRAG_TYPE);
    if (row.portfolioId !== undefined) return true;
    return row.project !== undefined && (row.project.portfolioId !== null || !carries(event, FROM_PORTFOLIO_TYPE));
  };

  const dropHandlers = (row: Row) => ({
    onDragOver: (event: DragEvent) => {
      if (!accepts(event, row)) return;
      event.preventDefault();
      setOver(row.key);
    },
    onDragLeave: () => setOver(null),
    onDrop: (event: DragEvent<HTMLButtonElement>) => (row.kind === 'item' ? dropOnItem(event, row) : dropOnGroup(event, row)),
  });

  return (
    <div className="tree-view" role="tree" aria-label={t('items.views.tree')}>
      {error !== null && <Alert message={describeError(t, error)} />}
      <VirtualList
        count={rows.length}
        rowHeight={ROW_HEIGHT}
        renderRow={(index) => {
          const row = rows[index];
          if (!row) return null;
          const indent = { paddingLeft: 12 + row.depth * 20 };
          const className = (base: string) => (row.key === over ? `${base} is-over` : base);
          if (row.kind === 'group') {
            const project = row.project;
            return (
              <button
                type="button"
                role="treeitem"
                data-key={row.key}
                aria-expanded={row.open}
                aria-label={`${row.label} (${row.count})`}
                className={className('tree-row tree-group')}
                style={indent}
                onClick={() => toggle(row.key)}
                {...dropHandlers(row)}
                {...(project && {
                  draggable: true,
                  'aria-keyshortcuts': 'Alt+ArrowUp Alt+ArrowDown',
                  onDragStart: (event: DragEvent) => {
                    event.dataTransfer.setData(PROJECT_DRAG_TYPE, JSON.stringify({ id: project.id, from: project.portfolioId }));
                    if (project.portfolioId !== null) event.dataTransfer.setData(FROM_PORTFOLIO_TYPE, '1');
                    event.dataTransfer.effectAllowed = 'move';
                  },
                  onKeyDown: (event: KeyboardEvent) => {
                    const step = keyStep(event);
                    if (step === 0) return;
                    event.preventDefault();
                    const at = project.siblings.findIndex((p) => p.id === project.id) + step;
                    if (at < 0 || at >= project.siblings.length) return;
                    setFocusKey(row.key);
                    placeProject(project.id, project.portfolioId, project.portfolioId, project.siblings, at);
                  },
                })}
              >
                <Icon name={row.open ? 'chevronDown' : 'chevronRight'} size={16} />
                <Icon name={row.icon} size={16} />
                <span className="tree-label">{row.label}</span>
                <span className="count">{row.count}</span>
              </button>
            );
          }
          return (
            <button
              type="button"
              role="treeitem"
              data-key={row.key}
              aria-label={`#${row.item.number} ${row.item.title}`}
              aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown"
              className={className(row.item.number === openNumber ? 'tree-row tree-item is-open' : 'tree-row tree-item')}
              style={indent}
              draggable
              onDragStart={(event) => {
                event.dataTransfer.setData(ITEM_DRAG_TYPE, String(row.item.id));
                event.dataTransfer.effectAllowed = 'move';
              }}
              {...dropHandlers(row)}
              onKeyDown={(event) => {
                const step = keyStep(event);
                if (step === 0) return;
                event.preventDefault();
                const at = row.siblings.findIndex((item) => item.id === row.item.id) + step;
                if (at < 0 || at >= row.siblings.length) return;
                setFocusKey(row.key);
                placeItem(row.item.id, row.siblings, at, row.target);
              }}
              onClick={() => onOpen(row.item)}
            >
              <span className="tree-number">#{row.item.number}</span>
              <span className="tree-label">{row.item.title}</span>
              <StatusPill statusId={row.item.status_id} />
            </button>
          );
        }}
      />
    </div>
  );
}
