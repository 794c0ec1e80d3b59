import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useTimers } from '../../data/timers';
import { useDebouncedLookup } from '../../hooks/useDebouncedLookup';
import { useWorkspace } from '../../data/workspace';
import { describeError } from '../../describeError';
import type { Item, SearchResult, Timesheet } from '../../model';
import { formatMinutes, parseDuration } from '../../time/duration';
import { localToday } from '../../time/weeks';
import { Alert } from '../ui/Alert';
import { Dialog } from '../ui/Dialog';
import '../../styles/timer.css';

interface TimesheetDialogProps {
  /** The timesheet to review or change; absent for time logged by hand. */
  timesheet?: Timesheet;
  /** True right after a timer stopped: the form asks to review the measured time. */
  fromTimer?: boolean;
  onClose: () => void;
  /** Called with the saved timesheet. */
  onSaved?: (timesheet: Timesheet) => void;
}

type PickedItem = { id: number; number: number; title: string };

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** The local day and HH:MM of an ISO instant. */
function localParts(iso: string): { day: string; time: string } {
  const at = new Date(iso);
  return { day: localToday(at), time: `${pad(at.getHours())}:${pad(at.getMinutes())}` };
}

/**
 * The timesheet form: duration, day and start, billable, note, and optionally the item's % complete and
 * status. Saves a draft or submits it for approval.
 */
export function TimesheetDialog({ timesheet, fromTimer = false, onClose, onSaved }: TimesheetDialogProps) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const { settings } = useTimers();
  const noteId = useId();
  const start = timesheet ? localParts(timesheet.started_at) : { day: localToday(), time: '09:00' };
  const [picked, setPicked] = useState<PickedItem | null>(
    timesheet ? { id: timesheet.item_id, number: timesheet.item_number, title: timesheet.item_title } : null,
  );
  const [item, setItem] = useState<Item | null>(null);
  const [duration, setDuration] = useState(timesheet ? formatMinutes(timesheet.minutes) : '');
  const [day, setDay] = useState(start.day);
  const [time, setTime] = useState(start.time);
  const [billable, setBillable] = useState(timesheet?.billable ?? settings?.billable_by_default ?? true);
  const [note, setNote] = useState(timesheet?.note ?? '');
  const [percent, setPercent] = useState('');
  const [statusId, setStatusId] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const minutes = parseDuration(duration);
  const editable = timesheet === undefined || timesheet.status === 'draft' || timesheet.status === 'rejected' || timesheet.status === 'submitted';
  const submittable = timesheet === undefined || timesheet.status === 'draft' || timesheet.status === 'rejected';

  useEffect(() => {
    if (picked === null) {
      setItem(null);
      return;
    }
    let current = true;
    api.get<Item>(`/items/${picked.id}`).then(
      (found) => current && setItem(found),
      () => current && setItem(null),
    );
    return () => {
      current = false;
    };
  }, [picked]);

  const statuses = item ? (ws.types.find((type) => type.id === item.type_id)?.statuses ?? []) : [];

  async function save(submit: boolean) {
    if (picked === null || minutes === null) return;
    setPending(true);
    setError(null);
    const changes: Record<string, number> = {};
    if (percent !== '') changes['percent_complete'] = Number(percent);
    if (statusId !== '' && Number(statusId) !== item?.status_id) changes['status_id'] = Number(statusId);
    const fields = {
      started_at: new Date(`${day}T${time}`).toISOString(),
      minutes,
      billable,
      note,
      ...(Object.keys(changes).length > 0 ? { item: changes } : {}),
    };
    try {
      let saved: Timesheet;
      if (timesheet === undefined) {
        saved = await api.post<Timesheet>('/timesheets', { item_id: picked.id, ...fields, submit });
      } else {
        saved = await api.patch<Timesheet>(`/timesheets/${timesheet.id}`, fields);
        if (submit) {
          const page = await api.post<{ data: Timesheet[] }>('/timesheets/submit', { ids: [timesheet.id] });
          saved = page.data[0] ?? saved;
        }
      }
      onSaved?.(saved);
      onClose();
    } catch (err) {
      setError(err);
      setPending(false);
    }
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void save(submittable);
  }

  const title = fromTimer ? t('time.form.reviewTitle') : timesheet ? t('time.form.editTitle') : t('time.form.newTitle');
  return (
    <Dialog title={title} onClose={onClose}>
      <form className="form timesheet-form" onSubmit={onSubmit}>
        <Alert message={error === null ? null : describeError(t, error)} />
        {fromTimer && <p className="muted">{t('time.form.reviewHint')}</p>}
        {timesheet?.status === 'rejected' && timesheet.reason !== '' && (
          <p className="timesheet-reason">{t('time.form.rejectedBecause', { reason: timesheet.reason })}</p>
        )}
        {timesheet ? (
          <div className="timesheet-item">
            <span className="panel-number">#{timesheet.item_number}</span> {timesheet.item_title}
          </div>
        ) : (
          <ItemPicker picked={picked} onPick={setPicked} />
        )}
        <div className="form-row timesheet-when">
          <label className="form-field">
            <span>{t('time.form.duration')}</span>
            <input
              value={duration}
              onChange={(e) => setDuration(e.target.value)}
              placeholder="1:30"
              required
              autoFocus={timesheet !== undefined}
              disabled={!editable}
              aria-invalid={duration !== '' && minutes === null}
              aria-describedby={`${noteId}-duration`}
            />
            <small id={`${noteId}-duration`} className="form-hint">
              {duration !== '' && minutes === null ? t('time.form.durationInvalid') : t('time.form.durationHint')}
            </small>
          </label>
          <label className="form-field">
            <span>{t('time.form.date')}</span>
            <input type="date" value={day} onChange={(e) => setDay(e.target.value)} required disabled={!editable} />
          </label>
          <label className="form-field">
            <span>{t('time.form.start')}</span>
            <input type="time" value={time} onChange={(e) => setTime(e.target.value)} required disabled={!editable} />
          </label>
        </div>
        <label className="check">
          <input type="checkbox" checked={billable} onChange={(e) => setBillable(e.target.checked)} disabled={!editable} />
          <span>{t('time.billable')}</span>
        </label>
        <label className="form-field">
          <span>{t('time.form.note')}</span>
          <textarea id={noteId} rows={3} value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} placeholder={t('time.form.notePlaceholder')} disabled={!editable} />
        </label>
        {editable && item !== null && (
          <fieldset className="fieldset">
            <legend>{t('time.form.updateItem')}</legend>
            <div className="form-row">
              <label className="form-field">
                <span>{t('time.form.percentComplete')}</span>
                <input
                  type="number"
                  min={0}
                  max={100}
                  step={5}
                  value={percent}
                  placeholder={item.percent_complete == null ? '—' : String(item.percent_complete)}
                  onChange={(e) => setPercent(e.target.value)}
                />
              </label>
              <label className="form-field">
                <span>{t('items.status')}</span>
                <select value={statusId === '' ? item.status_id : statusId} onChange={(e) => setStatusId(e.target.value)}>
                  {statuses.map((status) => (
                    <option key={status.id} value={status.id}>
                      {status.name}
                    </option>
                  ))}
                </select>
              </label>
            </div>
          </fieldset>
        )}
        <div className="dialog-actions">
          <button type="button" className="button button-ghost" onClick={onClose}>
            {editable ? t('common.cancel') : t('common.close')}
          </button>
          {editable && submittable && (
            <button type="button" className="button button-secondary" disabled={pending || minutes === null || picked === null} onClick={() => void save(false)}>
              {t('time.form.saveDraft')}
            </button>
          )}
          {editable && (
            <button type="submit" className="button button-primary" disabled={pending || minutes === null || picked === null}>
              {submittable ? t('time.form.submit') : t('common.save')}
            </button>
          )}
        </div>
      </form>
    </Dialog>
  );
}

/** Finds the item to log time on, by number ("#12" or "12") or by words of its title. */
function ItemPicker({ picked, onPick }: { picked: PickedItem | null; onPick: (item: PickedItem | null) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [query, setQuery] = useState('');
  const results = useDebouncedLookup<PickedItem>(query, (q) => {
    if (q === '') return null;
    const number = /^#?(\d+)$/.exec(q)?.[1];
    return () =>
      (number !== undefined
        ? api.get<{ data: Item[] }>(`/items?number=${number}&limit=1`).then((page) => page.data)
        : q.length < 2
          ? Promise.resolve([])
          : api.get<{ data: SearchResult[] }>(`/search?q=${encodeURIComponent(q)}&limit=8`).then((page) => page.data.map((r) => r.item))
      ).then((items) => items.map(({ id: itemId, number: n, title }) => ({ id: itemId, number: n, title })));
  });

  if (picked !== null)
    return (
      <div className="form-field">
        <span>{t('time.form.item')}</span>
        <div className="timesheet-item">
          <span className="panel-number">#{picked.number}</span> {picked.title}
          <button type="button" className="link-button" onClick={() => onPick(null)}>
            {t('time.form.changeItem')}
          </button>
        </div>
      </div>
    );
  return (
    <div className="form-field item-picker">
      <label htmlFor={id}>{t('time.form.item')}</label>
      <input id={id} value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('time.form.itemPlaceholder')} autoComplete="off" autoFocus />
      {results.length > 0 && (
        <ul className="item-picker-results" aria-label={t('time.form.itemResults')}>
          {results.map((result) => (
            <li key={result.id}>
              <button type="button" onClick={() => onPick(result)}>
                <span className="panel-number">#{result.number}</span> {result.title}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
