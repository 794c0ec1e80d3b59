import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useWorkspace } from '../../data/workspace';
import { describeError } from '../../describeError';
import type { Item, TreeFolder, TreePortfolio, TreeProject } from '../../model';
import { Alert } from '../ui/Alert';
import { Icon } from '../ui/Icon';
import { VirtualList } from '../ui/VirtualList';
import { ITEM_DRAG_TYPE, StatusPill } from './ItemBits';

/** Where an item dropped on a group row goes; portfolios take no items. */
type Target = { project_id: number | null; folder_id: number | null } | null;

type Row =
  | { kind: 'group'; key: string; depth: number; label: string; icon: 'layers' | 'board' | 'folder'; count: number; open: boolean; target: Target }
  | { kind: 'item'; key: string; depth: number; item: Item };

const ROW_HEIGHT = 36;

interface TreeViewProps {
  items: Item[];
  openNumber: number;
  onOpen: (item: Item) => void;
  onChanged: (item: Item) => void;
}


/**
 * The tree: portfolio > project > folder > items, each branch folding open (only the items in view are counted);
 * dropping an item on a project or folder files it there.
 */
export function TreeView({ items, onOpen, onChanged, openNumber }: TreeViewProps) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const [toggled, setToggled] = useState<Set<string>>(new Set());
  const [over, setOver] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const rows = useMemo(() => {
    const byFolder = new Map<number, Item[]>();
    const byProject = new Map<number | null, Item[]>();
    for (const item of items) {
      if (item.folder_id !== null) {
        const list = byFolder.get(item.folder_id) ?? [];
        list.push(item);
        byFolder.set(item.folder_id, list);
      } else {
        const list = byProject.get(item.project_id) ?? [];
        list.push(item);
        byProject.set(item.project_id, list);
      }
    }
    const out: Row[] = [];
    // Portfolios start open, everything below them folded; a toggle flips that default.
    const isOpen = (key: string, byDefault: boolean) => (toggled.has(key) ? !byDefault : byDefault);
    const folderCount = (folder: TreeFolder): number =>
      (byFolder.get(folder.id)?.length ?? 0) + folder.folders.reduce((sum, f) => sum + folderCount(f), 0);
    const projectCount = (project: TreeProject) =>
      (byProject.get(project.id)?.length ?? 0) + project.folders.reduce((sum, f) => sum + folderCount(f), 0);
    const pushItems = (list: Item[] | undefined, depth: number) =>
      list?.forEach((item) => out.push({ kind: 'item', key: `i${item.id}`, depth, item }));
    const addFolder = (folder: TreeFolder, projectId: number, depth: number, path: string) => {
      const key = `${path}/f${folder.id}`;
      const open = isOpen(key, false);
      const target = { project_id: projectId, folder_id: folder.id };
      out.push({ kind: 'group', key, depth, label: folder.name, icon: 'folder', count: folderCount(folder), open, target });
      if (!open) return;
      folder.folders.forEach((f) => addFolder(f, projectId, depth + 1, key));
      pushItems(byFolder.get(folder.id), depth + 1);
    };
    const addProject = (project: TreeProject, depth: number, path: string) => {
      const key = `${path}/p${project.id}`;
      const open = isOpen(key, false);
      const target = { project_id: project.id, folder_id: null };
      out.push({ kind: 'group', key, depth, label: project.name, icon: 'board', count: projectCount(project), open, target });
      if (!open) return;
      project.folders.forEach((f) => addFolder(f, project.id, depth + 1, key));
      pushItems(byProject.get(project.id), depth + 1);
    };
    const portfolioCount = (portfolio: TreePortfolio): number =>
      portfolio.projects.reduce((sum, p) => sum + projectCount(p), 0) +
      portfolio.portfolios.reduce((sum, p) => sum + portfolioCount(p), 0);
    const addPortfolio = (portfolio: TreePortfolio, depth: number, path: string) => {
      const key = `${path}/pf${portfolio.id}`;
      const open = isOpen(key, true);
      out.push({ kind: 'group', key, depth, label: portfolio.name, icon: 'layers', count: portfolioCount(portfolio), open, target: null });
      if (!open) return;
      portfolio.portfolios.forEach((p) => addPortfolio(p, depth + 1, key));
      portfolio.projects.forEach((p) => addProject(p, depth + 1, key));
    };
    // Items outside every project come first: they are the ones waiting to be filed.
    const loose = byProject.get(null);
    if (loose && loose.length > 0) {
      const key = '/none';
      const open = isOpen(key, false);
      const target = { project_id: null, folder_id: null };
      out.push({ kind: 'group', key, depth: 0, label: t('items.noProject'), icon: 'folder', count: loose.length, open, target });
      if (open) pushItems(loose, 1);
    }
    ws.tree.portfolios.forEach((p) => addPortfolio(p, 0, ''));
    ws.tree.projects.forEach((p) => addProject(p, 0, ''));
    return out;
  }, [items, ws.tree, toggled, t]);

  async function move(id: number, target: Target) {
    const item = items.find((candidate) => candidate.id === id);
    if (!item || target === null || (item.project_id === target.project_id && item.folder_id === target.folder_id)) return;
    setError(null);
    try {
      onChanged(await api.patch<Item>(`/items/${item.id}`, target));
    } catch (err) {
      setError(err);
    }
  }

  function toggle(key: string) {
    setToggled((current) => {
      const next = new Set(current);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  }

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
          if (row.kind === 'group')
            return (
              <button
                type="button"
                role="treeitem"
                aria-expanded={row.open}
                aria-label={`${row.label} (${row.count})`}
                className={row.key === over ? 'tree-row tree-group is-over' : 'tree-row tree-group'}
                style={indent}
                onClick={() => toggle(row.key)}
                onDragOver={(event) => {
                  if (row.target === null) return;
                  event.preventDefault();
                  setOver(row.key);
                }}
                onDragLeave={() => setOver(null)}
                onDrop={(event) => {
                  event.preventDefault();
                  setOver(null);
                  void move(Number(event.dataTransfer.getData(ITEM_DRAG_TYPE)), row.target);
                }}
              >
                <Icon name={row.open ? 'chevronDown' : 'chevronRight'} size={16} />
                <Icon name={row.icon} size={16} />
                <span className="tree-label">{row.label}</span>
                <span className="count">{row.count}</span>
              </button>
            );
          return (
            <button
              type="button"
              role="treeitem"
              aria-label={`#${row.item.number} ${row.item.title}`}
              className={row.item.number === openNumber ? 'tree-row tree-item is-open' : 'tree-row tree-item'}
              style={indent}
              draggable
              onDragStart={(event) => {
                event.dataTransfer.setData(ITEM_DRAG_TYPE, String(row.item.id));
                event.dataTransfer.effectAllowed = 'move';
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
