import type { ReactNode } from 'react';
import { Icon } from './Icon';

/** One column of a DataTable: its heading and what each row shows in it. */
export interface Column<T> {
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** Class of the cells, e.g. `row-actions`. */
  className?: string;
  /** Leaves the column out (a column only some users get). */
  hidden?: boolean;
}

interface DataTableProps<T> {
  /** The rows; null while they load (an empty body). */
  rows: readonly T[] | null | undefined;
  columns: Column<T>[];
  rowKey: (row: T) => string | number;
  /** Shown in one muted cell across the table when there are no rows. */
  empty?: ReactNode;
  /** A dense table without a heading row, for lists inside dialogs. */
  compact?: boolean;
}

/** A table of records: a heading row, then a row per record with a cell per column. */
export function DataTable<T>({ rows, columns, rowKey, empty, compact = false }: DataTableProps<T>) {
  const shown = columns.filter((column) => !column.hidden);
  return (
    <table className={compact ? 'table table-compact' : 'table'}>
      {!compact && (
        <thead>
          <tr>
            {shown.map((column, index) => (
              <th key={index}>{column.header}</th>
            ))}
          </tr>
        </thead>
      )}
      <tbody>
        {rows?.length === 0 && empty !== undefined && (
          <tr>
            <td colSpan={shown.length} className="muted">
              {empty}
            </td>
          </tr>
        )}
        {rows?.map((row) => (
          <tr key={rowKey(row)}>
            {shown.map((column, index) => (
              <td key={index} className={column.className}>
                {column.cell(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A last column with a trash button per row; `label` names each button for assistive technology. */
export function removeColumn<T>(header: ReactNode, label: (row: T) => string, onRemove: (row: T) => void): Column<T> {
  return {
    header,
    className: 'row-actions',
    cell: (row) => (
      <button type="button" className="icon-button" aria-label={label(row)} onClick={() => onRemove(row)}>
        <Icon name="trash" size={16} />
      </button>
    ),
  };
}

/** A record's name as a button that opens it, for the first cell of a row. */
export function RowLink({ onClick, children }: { onClick: () => void; children: ReactNode }) {
  return (
    <button type="button" className="link-button" onClick={onClick}>
      {children}
    </button>
  );
}
