import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchAll } from '../../api';
import { partyName, useWorkspace, type Workspace } from '../../data/workspace';
import { describeError } from '../../describeError';
import type { Item, ItemEvent, Party } from '../../model';
import { Alert } from '../ui/Alert';
import { Icon } from '../ui/Icon';
import { relativeTime } from '../../time/relativeTime';

function isParty(value: unknown): value is Party {
  return typeof value === 'object' && value !== null && 'kind' in value && 'id' in value;
}

/** A changed value in words: names for statuses, projects and people. */
function describeValue(ws: Workspace, field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (field === 'status_id' && typeof value === 'number') return ws.statusById.get(value)?.name ?? String(value);
  if (field === 'project_id' && typeof value === 'number') return ws.projectById.get(value)?.name ?? String(value);
  if (field === 'type_id' && typeof value === 'number') return ws.types.find((type) => type.id === value)?.name ?? String(value);
  if (Array.isArray(value)) return value.map((v) => (isParty(v) ? partyName(ws, v) : String(v))).join(', ') || '—';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Every change of the item, oldest first: who changed what, old → new. */
export function HistoryTab({ item, revision }: { item: Item; revision: number }) {
  const { t, i18n } = useTranslation();
  const ws = useWorkspace();
  const [events, setEvents] = useState<ItemEvent[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    fetchAll<ItemEvent>(`/items/${item.id}/history`).then(setEvents, setError);
  }, [item.id, revision]);

  if (error !== null) return <Alert message={describeError(t, error)} />;
  if (events === null) return <p className="panel-loading">{t('loading')}</p>;
  return (
    <ol className="history" role="tabpanel" aria-label={t('item.tabs.history')}>
      {events.map((event) => {
        const actor = event.actor?.id != null ? ws.userById.get(event.actor.id)?.name : undefined;
        // A conversion names the type both by key and by id; the id reads better once resolved to a name.
        const changes = Object.entries(event.payload.changes ?? {}).filter(
          ([field], _, all) => field !== 'type' || !all.some(([other]) => other === 'type_id'),
        );
        return (
          <li key={event.id} className="history-entry">
            <span className="history-icon" aria-hidden="true">
              <Icon name={event.kind === 'item.message_added' ? 'reply' : event.kind === 'item.created' ? 'plus' : 'pencil'} size={14} />
            </span>
            <div>
              <p>
                <strong>{actor ?? t('history.system')}</strong> {t(`history.kinds.${event.kind.replace('item.', '')}` as 'history.kinds.updated', { defaultValue: event.kind })}
                <time dateTime={event.at}> · {relativeTime(event.at, i18n.language)}</time>
              </p>
              {changes.length > 0 && (
                <ul className="changes">
                  {changes.map(([field, change]) => (
                    <li key={field}>
                      <span className="change-field">{t(`history.fields.${field}` as 'history.fields.title', { defaultValue: field })}</span>
                      <span className="change-old">{describeValue(ws, field, change.from)}</span>
                      <Icon name="arrowRight" size={12} />
                      <span className="change-new">{describeValue(ws, field, change.to)}</span>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
