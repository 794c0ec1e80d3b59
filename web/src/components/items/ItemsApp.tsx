import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useItems } from '../../data/items';
import { itemsQuery } from '../../data/scope';
import { useWorkspace } from '../../data/workspace';
import { describeError } from '../../describeError';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { isTyping } from '../../hooks/useShortcut';
import { useStoredState } from '../../hooks/useStoredState';
import type { Item } from '../../model';
import { itemPath } from '../../model';
import { navigate, usePath, useSearchParams } from '../../router';
import { Alert } from '../ui/Alert';
import { Icon } from '../ui/Icon';
import { FilterBar } from './FilterBar';
import { FlatList } from './FlatList';
import { ItemPanel } from './ItemPanel';
import { GROUP_KEYS, groupRows, type GroupKey } from './itemGroups';
import { COLUMNS, NO_FILTERS, arrange, type Column, type Filters, type Sort } from './itemSort';
import { ListOptions } from './ListOptions';
import { StatusBoard } from './StatusBoard';
import { TreeView } from './TreeView';
import '../../styles/items.css';

const VIEWS = ['list', 'board', 'tree'] as const;

function isGroupList(value: unknown): value is GroupKey[] {
  return Array.isArray(value) && value.length <= 2 && value.every((v) => GROUP_KEYS.some((key) => key === v));
}

function isColumnList(value: unknown): value is Column[] {
  return Array.isArray(value) && value.every((v) => COLUMNS.some((column) => column === v));
}

// Enter opens the selected row only when no button or link has the focus (they handle Enter themselves).
function onList(target: EventTarget | null): boolean {
  return target === document.body || (target instanceof HTMLElement && target.closest('.flat-list') !== null);
}
type View = (typeof VIEWS)[number];

/** The Tickets or Tasks app: the items of its types in the current scope as a list, board or tree, plus the open item. */
export function ItemsApp({ app }: { app: 'tickets' | 'tasks' }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const path = usePath();
  const params = useSearchParams();
  const view: View = VIEWS.find((v) => v === params.get('view')) ?? 'list';
  const openNumber = Number(/^\/(?:tickets|tasks|items)\/(\d+)$/.exec(path)?.[1] ?? NaN);
  const title = t(`apps.${app}.title`);
  useDocumentTitle(title);

  const typeKeys = useMemo(
    () => ws.types.filter((type) => (app === 'tickets' ? type.key === 'ticket' : type.key !== 'ticket')).map((type) => type.key),
    [ws.types, app],
  );
  const [boardTypeKey, setBoardTypeKey] = useState(app === 'tickets' ? 'ticket' : 'task');
  const boardType = ws.types.find((type) => type.key === boardTypeKey) ?? ws.types.find((type) => typeKeys.includes(type.key));
  const query = itemsQuery(typeKeys, ws.scope);
  const scopeRef = useRef(ws.scope);
  scopeRef.current = ws.scope;
  const belongs = useCallback(
    (item: Item) => {
      if (!typeKeys.includes(item.type)) return false;
      const s = scopeRef.current;
      if (s.kind === 'project') return item.project_id === s.id;
      if (s.kind === 'folder') return item.folder_id === s.id;
      if (s.kind === 'portfolio') return item.project_id !== null && (ws.projectById.get(item.project_id)?.portfolio_ids.includes(s.id) ?? false);
      return true;
    },
    [typeKeys, ws.projectById],
  );
  const { items, loading, error, upsert } = useItems(query, belongs);

  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [sort, setSort] = useState<Sort>({ column: 'updated', descending: true });
  const [groupBy, setGroupBy] = useStoredState<GroupKey[]>(`tandem.${app}.groupBy`, [], isGroupList);
  const [columns, setColumns] = useStoredState<Column[]>(`tandem.${app}.columns`, [...COLUMNS], isColumnList);
  const [folded, setFolded] = useState<Set<string>>(new Set());
  const arranged = useMemo(() => arrange(ws, items, filters, sort), [ws, items, filters, sort]);
  // j/k walk the items in the order the list shows them, skipping folded groups.
  const { rows, ordered: shown } = useMemo(
    () => groupRows(ws, t, arranged, groupBy, folded),
    [ws, t, arranged, groupBy, folded],
  );
  const [selected, setSelected] = useState(0);
  const viewSuffix = view === 'list' ? '' : `?view=${view}`;

  const open = useCallback((item: Item) => navigate(itemPath(item.type, item.number) + viewSuffix), [viewSuffix]);
  const openIndex = shown.findIndex((item) => item.number === openNumber);
  useEffect(() => {
    if (openIndex >= 0) setSelected(openIndex);
  }, [openIndex]);

  // j/k move through the list (following along in the open panel), Enter opens.
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (isTyping(event) || view !== 'list') return;
      const step = event.key === 'j' ? 1 : event.key === 'k' ? -1 : 0;
      if (step !== 0) {
        const next = Math.min(shown.length - 1, Math.max(0, selected + step));
        setSelected(next);
        const item = shown[next];
        if (item && !Number.isNaN(openNumber)) open(item);
        event.preventDefault();
      } else if (event.key === 'Enter' && shown[selected] && onList(event.target)) {
        open(shown[selected]);
        event.preventDefault();
      }
    }
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [shown, selected, open, openNumber, view]);

  function switchView(next: View) {
    const base = Number.isNaN(openNumber) ? `/${app}` : path;
    navigate(next === 'list' ? base : `${base}?view=${next}`);
  }

  return (
    <div className={Number.isNaN(openNumber) ? 'items-app' : 'items-app has-panel'}>
      <main className="items-main" aria-busy={loading}>
        <header className="items-header">
          <div className="items-title">
            <h1 tabIndex={-1}>{title}</h1>
            {/* Announced once the list is complete, not at every page while it loads. */}
            <span className="count-badge" aria-live={loading ? 'off' : 'polite'}>
              {loading ? t('items.loadingCount', { count: items.length }) : t('items.count', { count: arranged.length })}
            </span>
          </div>
          <div className="segmented" role="group" aria-label={t('items.view')}>
            {VIEWS.map((v) => (
              <button key={v} type="button" aria-pressed={view === v} onClick={() => switchView(v)}>
                <Icon name={v === 'list' ? 'list' : v === 'board' ? 'board' : 'tree'} size={16} />
                <span>{t(`items.views.${v}`)}</span>
              </button>
            ))}
          </div>
        </header>
        <div className="items-toolbar">
          <FilterBar filters={filters} onChange={setFilters} typeKeys={typeKeys} />
          {view === 'list' && (
            <ListOptions groupBy={groupBy} onGroupBy={setGroupBy} columns={columns} onColumns={setColumns} />
          )}
          {view === 'board' && typeKeys.length > 1 && (
            <label className="filter-select is-set">
              <select aria-label={t('items.boardType')} value={boardType?.key ?? ''} onChange={(e) => setBoardTypeKey(e.target.value)}>
                {ws.types
                  .filter((type) => typeKeys.includes(type.key))
                  .map((type) => (
                    <option key={type.key} value={type.key}>
                      {type.name}
                    </option>
                  ))}
              </select>
              <Icon name="chevronDown" size={14} />
            </label>
          )}
        </div>
        {error !== null && <Alert message={describeError(t, error)} />}
        {view === 'list' && (
          <FlatList
            rows={rows}
            columns={columns}
            compact={!Number.isNaN(openNumber)}
            onToggleGroup={(key) =>
              setFolded((current) => {
                const next = new Set(current);
                if (!next.delete(key)) next.add(key);
                return next;
              })
            }
            sort={sort}
            onSort={setSort}
            selected={selected}
            openNumber={openNumber}
            onOpen={(item, index) => {
              setSelected(index);
              open(item);
            }}
          />
        )}
        {view === 'board' && boardType && (
          <StatusBoard type={boardType} items={arranged} onOpen={open} onChanged={upsert} openNumber={openNumber} />
        )}
        {view === 'tree' && <TreeView items={arranged} onOpen={open} onChanged={upsert} openNumber={openNumber} />}
      </main>
      {!Number.isNaN(openNumber) && (
        <ItemPanel key={openNumber} number={openNumber} onClose={() => navigate(`/${app}${viewSuffix}`)} onChanged={upsert} />
      )}
    </div>
  );
}
