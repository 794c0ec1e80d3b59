import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { partyName, useWorkspace } from '../../data/workspace';
import { useMediaQuery } from '../../hooks/useMediaQuery';
import type { Item } from '../../model';
import { Avatar } from '../ui/Avatar';
import { Icon } from '../ui/Icon';
import { VirtualList } from '../ui/VirtualList';
import { COLUMNS, type Column, type Sort } from './itemSort';
import { PriorityBadge, StatusPill, relativeTime } from './ItemBits';

interface FlatListProps {
  items: Item[];
  sort: Sort;
  onSort: (sort: Sort) => void;
  selected: number;
  openNumber: number;
  onOpen: (item: Item, index: number) => void;
}

const ROW_HEIGHT = 44;
// Rows take two lines on narrow screens.
const ROW_HEIGHT_NARROW = 62;

/** The flat list: a sortable header and a virtualised grid of rows, one per item. */
export function FlatList({ items, sort, onSort, selected, openNumber, onOpen }: FlatListProps) {
  const { t } = useTranslation();
  const narrow = useMediaQuery('(max-width: 860px)');

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
    const item = items[index];
    if (!item) return null;
    return (
      <Row item={item} index={index} selected={index === selected} open={item.number === openNumber} onOpen={onOpen} />
    );
  }

  return (
    <div className="flat-list" role="table" aria-label={t('items.views.list')} aria-rowcount={items.length}>
      <div role="rowgroup">
        <div role="row" className="item-row item-head">
          {COLUMNS.map(header)}
        </div>
      </div>
      {items.length === 0 ? (
        <p className="list-empty">{t('items.none')}</p>
      ) : (
        <VirtualList count={items.length} rowHeight={narrow ? ROW_HEIGHT_NARROW : ROW_HEIGHT} renderRow={row} scrollToIndex={selected} role="rowgroup" />
      )}
    </div>
  );
}

interface RowProps {
  item: Item;
  index: number;
  selected: boolean;
  open: boolean;
  onOpen: (item: Item, index: number) => void;
}

// Rows re-render only when their item or selection changes, so scrolling just places them.
const Row = memo(function Row({ item, index, selected, open, onOpen }: RowProps) {
  const { i18n } = useTranslation();
  const ws = useWorkspace();
  const project = item.project_id === null ? null : ws.projectById.get(item.project_id);
  const classes = ['item-row'];
  if (selected) classes.push('is-selected');
  if (open) classes.push('is-open');
  return (
    <div role="row" className={classes.join(' ')} aria-selected={selected} onClick={() => onOpen(item, index)}>
      <div role="cell" className="cell cell-number">
        #{item.number}
      </div>
      <div role="cell" className="cell cell-title">
        <a href={item.url} onClick={(e) => e.preventDefault()} tabIndex={selected ? 0 : -1}>
          {item.title}
        </a>
      </div>
      <div role="cell" className="cell cell-status">
        <StatusPill statusId={item.status_id} />
      </div>
      <div role="cell" className="cell cell-priority">
        <PriorityBadge priority={item.priority} />
      </div>
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
      <div role="cell" className="cell cell-project">
        {project?.name ?? '—'}
      </div>
      <div role="cell" className="cell cell-updated">
        {relativeTime(item.updated_at, i18n.language)}
      </div>
    </div>
  );
});
