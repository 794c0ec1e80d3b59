import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { partyName, useWorkspace } from '../../data/workspace';
import { useMediaQuery } from '../../hooks/useMediaQuery';
import { useSharedTranslation } from '../../i18n';
import type { Item } from '../../model';
import type { ListRow } from './itemGroups';
import { Avatar } from '../ui/Avatar';
import { Icon } from '../ui/Icon';
import { VirtualList } from '../ui/VirtualList';
import { TimerControl } from '../time/TimerControl';
import type { Column, Sort } from './itemSort';
import { relativeTime } from '../../time/relativeTime';
import { PriorityBadge, StatusPill } from './ItemBits';

interface FlatListProps {
  rows: ListRow[];
  columns: Column[];
  /** True while an item is open beside the list: only the columns that identify an item remain. */
  compact: boolean;
  onToggleGroup: (key: string) => void;
  sort: Sort;
  onSort: (sort: Sort) => void;
  selected: number;
  openNumber: number;
  onOpen: (item: Item, index: number) => void;
}

// Column widths; the title takes what is left.
const WIDTHS: Record<Column, string> = {
  number: '72px',
  title: 'minmax(200px, 1fr)',
  status: '170px',
  priority: '90px',
  assignees: '170px',
  project: '140px',
  updated: '130px',
};

const COMPACT: Column[] = ['number', 'title', 'status'];
// Left out below 1200 px, where they would push the title off the screen.
const WIDE_ONLY: Column[] = ['project', 'updated'];

const ROW_HEIGHT = 44;
// Rows take two lines on narrow screens.
const ROW_HEIGHT_NARROW = 62;

/** The flat list: a sortable header and a virtualised grid of rows, one per item. */
export function FlatList(props: FlatListProps) {
  const { rows, compact, onToggleGroup, sort, onSort, selected, openNumber, onOpen } = props;
  const { t } = useTranslation();
  const narrow = useMediaQuery('(max-width: 860px)');
  const medium = useMediaQuery('(max-width: 1200px)');
  const columns = props.columns.filter((column) =>
    compact ? COMPACT.includes(column) : !medium || !WIDE_ONLY.includes(column),
  );

  function header(column: Column) {
    const active = sort.column === column;
    return (
      <div
        key={column}
        role="columnheader"
        className={`cell cell-${column}`}
        aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}
      >
        <button type="button" onClick={() => onSort({ column, descending: active ? !sort.descending : column === 'updated' })}>
          {t(`items.columns.${column}`)}
          {active && <Icon name={sort.descending ? 'arrowDown' : 'arrowUp'} size={14} />}
        </button>
      </div>
    );
  }

  function row(index: number) {
    const entry = rows[index];
    if (!entry) return null;
    if (entry.kind === 'group')
      return (
        <button
          type="button"
          className="tree-row list-group"
          style={{ paddingLeft: 16 + entry.depth * 20 }}
          aria-expanded={entry.open}
          aria-label={`${entry.label} (${entry.count})`}
          onClick={() => onToggleGroup(entry.key)}
        >
          <Icon name={entry.open ? 'chevronDown' : 'chevronRight'} size={16} />
          <span>{entry.label}</span>
          <span className="count">{entry.count}</span>
        </button>
      );
    return (
      <Row
        item={entry.item}
        index={entry.index}
        columns={columns}
        selected={entry.index === selected}
        open={entry.item.number === openNumber}
        onOpen={onOpen}
      />
    );
  }

  return (
    <div
      className="flat-list"
      role="table"
      aria-label={t('items.views.list')}
      style={{ ['--columns' as string]: columns.map((column) => WIDTHS[column]).join(' ') }}
    >
      <div role="rowgroup">
        <div role="row" className="item-row item-head">
          {columns.map(header)}
        </div>
      </div>
      {rows.length === 0 ? (
        <p className="list-empty">{t('items.none')}</p>
      ) : (
        <VirtualList
          count={rows.length}
          rowHeight={narrow ? ROW_HEIGHT_NARROW : ROW_HEIGHT}
          renderRow={row}
          scrollToIndex={rows.findIndex((entry) => entry.kind === 'item' && entry.index === selected)}
          role="rowgroup"
        />
      )}
    </div>
  );
}

interface RowProps {
  item: Item;
  index: number;
  columns: Column[];
  selected: boolean;
  open: boolean;
  onOpen: (item: Item, index: number) => void;
}

// Rows re-render only when their item or selection changes, so scrolling just places them.
const Row = memo(function Row({ item, index, columns, selected, open, onOpen }: RowProps) {
  const { language } = useSharedTranslation();
  const ws = useWorkspace();
  const project = item.project_id === null ? null : ws.projectById.get(item.project_id);
  const has = (column: Column) => columns.includes(column);
  const classes = ['item-row'];
  if (selected) classes.push('is-selected');
  if (open) classes.push('is-open');
  return (
    <div role="row" className={classes.join(' ')} aria-selected={selected} onClick={() => onOpen(item, index)}>
      {has('number') && (
        <div role="cell" className="cell cell-number">
          #{item.number}
        </div>
      )}
      {has('title') && (
        <div role="cell" className="cell cell-title">
          <a href={item.url} onClick={(e) => e.preventDefault()} tabIndex={selected ? 0 : -1}>
            {item.title}
          </a>
          <TimerControl itemId={item.id} itemNumber={item.number} compact />
        </div>
      )}
      {has('status') && (
        <div role="cell" className="cell cell-status">
          <StatusPill statusId={item.status_id} />
        </div>
      )}
      {has('priority') && (
        <div role="cell" className="cell cell-priority">
          <PriorityBadge priority={item.priority} />
        </div>
      )}
      {has('assignees') && (
        <div role="cell" className="cell cell-assignees">
          {item.assignees.slice(0, 3).map((party) => (
            <span key={`${party.kind}${party.id}`} className="assignee" title={partyName(ws, party)}>
              <Avatar name={partyName(ws, party)} size={22} />
            </span>
          ))}
          {item.assignees.length === 1 && item.assignees[0] && (
            <span className="assignee-name">{partyName(ws, item.assignees[0])}</span>
          )}
        </div>
      )}
      {has('project') && (
        <div role="cell" className="cell cell-project">
          {project?.name ?? '—'}
        </div>
      )}
      {has('updated') && (
        <div role="cell" className="cell cell-updated">
          {relativeTime(item.updated_at, language)}
        </div>
      )}
    </div>
  );
});
