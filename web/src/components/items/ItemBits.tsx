import { useWorkspace } from '../../data/workspace';
import { useSharedTranslation } from '../../i18n';

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
  const { t } = useSharedTranslation();
  if (priority <= 0) return <span className="priority priority-0">—</span>;
  return <span className={`priority priority-${priority}`}>{t(`items.priorities.${priority}` as 'items.priorities.1')}</span>;
}
