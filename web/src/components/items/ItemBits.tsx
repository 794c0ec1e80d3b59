import { useTranslation } from 'react-i18next';
import { useWorkspace } from '../../data/workspace';

/** The drag-and-drop data type that carries an item id between the views. */
export const ITEM_DRAG_TYPE = 'application/x-tandem-item';

/** A status name with its colour dot. */
export function StatusPill({ statusId }: { statusId: number }) {
  const ws = useWorkspace();
  const status = ws.statusById.get(statusId);
  return (
    <span className="status-pill" style={{ ['--status' as string]: status?.color ?? '#888' }}>
      <span className="status-dot" aria-hidden="true" />
      {status?.name ?? '—'}
    </span>
  );
}

/** Priority 0–5 as a short label; 0 shows nothing. */
export function PriorityBadge({ priority }: { priority: number }) {
  const { t } = useTranslation();
  if (priority <= 0) return <span className="priority priority-0">—</span>;
  return <span className={`priority priority-${priority}`}>{t(`items.priorities.${priority}` as 'items.priorities.1')}</span>;
}

// Building a formatter is slow; list rows need one per language, not one per row.
const formats = new Map<string, Intl.RelativeTimeFormat>();

/** "5 min ago", "yesterday"… in `lang`, for an ISO instant. */
export function relativeTime(iso: string, lang: string): string {
  const seconds = (Date.parse(iso) - Date.now()) / 1000;
  let format = formats.get(lang);
  if (format === undefined) {
    format = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
    formats.set(lang, format);
  }
  const abs = Math.abs(seconds);
  if (abs < 60) return format.format(Math.round(seconds), 'second');
  if (abs < 3600) return format.format(Math.round(seconds / 60), 'minute');
  if (abs < 86400) return format.format(Math.round(seconds / 3600), 'hour');
  if (abs < 86400 * 30) return format.format(Math.round(seconds / 86400), 'day');
  return new Date(iso).toLocaleDateString(lang);
}
