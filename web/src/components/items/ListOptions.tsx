import { useCallback, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDismiss } from '../../hooks/useDismiss';
import { Icon } from '../ui/Icon';
import { GROUP_KEYS, type GroupKey } from './itemGroups';
import { COLUMNS, type Column } from './itemSort';

interface ListOptionsProps {
  groupBy: GroupKey[];
  onGroupBy: (groupBy: GroupKey[]) => void;
  columns: Column[];
  onColumns: (columns: Column[]) => void;
}

// Every item is known by its number and title, so those columns always show.
const FIXED: Column[] = ['number', 'title'];

/** The flat list's own controls: grouping (two levels) and the columns to show. */
export function ListOptions({ groupBy, onGroupBy, columns, onColumns }: ListOptionsProps) {
  const { t } = useTranslation();
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  useDismiss(open, close, root);

  const level = (index: number) => (
    <label className={groupBy[index] ? 'filter-select is-set' : 'filter-select'}>
      <select
        aria-label={index === 0 ? t('items.groupBy') : t('items.thenBy')}
        value={groupBy[index] ?? ''}
        onChange={(e) => {
          const key = GROUP_KEYS.find((candidate) => candidate === e.target.value);
          const next = groupBy.slice(0, index);
          onGroupBy(key ? [...next, key] : next);
        }}
      >
        <option value="">{index === 0 ? t('items.noGrouping') : t('items.thenByNothing')}</option>
        {GROUP_KEYS.filter((key) => !groupBy.slice(0, index).includes(key)).map((key) => (
          <option key={key} value={key}>
            {t(index === 0 ? 'items.groupByField' : 'items.thenByField', { field: t(`items.groups.${key}`) })}
          </option>
        ))}
      </select>
      <Icon name="chevronDown" size={14} />
    </label>
  );

  return (
    <div className="list-options">
      {level(0)}
      {groupBy.length > 0 && level(1)}
      <div className="columns-menu" ref={root}>
        <button
          type="button"
          className="button button-ghost button-small"
          aria-expanded={open}
          aria-controls={panelId}
          onClick={() => setOpen(!open)}
        >
          <Icon name="sliders" size={16} />
          {t('items.columnsButton')}
        </button>
        {open && (
          <div id={panelId} className="popover columns-popover" role="group" aria-label={t('items.columnsButton')}>
            {COLUMNS.filter((column) => !FIXED.includes(column)).map((column) => (
              <label key={column} className="check menu-check">
                <input
                  type="checkbox"
                  checked={columns.includes(column)}
                  onChange={(e) =>
                    onColumns(COLUMNS.filter((c) => (c === column ? e.target.checked : columns.includes(c))))
                  }
                />
                {t(`items.columns.${column}`)}
              </label>
            ))}
          </div>
        )}
      </div>
    </div>
  );
}
