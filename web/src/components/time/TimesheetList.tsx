import { Fragment, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, fetchAll } from '../../api';
import { useLiveEvents } from '../../data/live';
import { useWorkspace } from '../../data/workspace';
import { describeError } from '../../describeError';
import { useMediaQuery } from '../../hooks/useMediaQuery';
import { useStoredState } from '../../hooks/useStoredState';
import type { Timesheet } from '../../model';
import { formatMinutes } from '../../time/duration';
import { canDecide, groupSheets, LIST_GROUPINGS, sheetDay, sheetTotals, type ListGrouping, type SheetGroup } from '../../time/sheets';
import { FormDialog } from '../admin/FormDialog';
import { Alert } from '../ui/Alert';
import { Avatar } from '../ui/Avatar';
import { TimesheetDialog } from './TimesheetDialog';

type Step = 'submit' | 'approve' | 'reject';

const isListGrouping = (value: unknown): value is ListGrouping => LIST_GROUPINGS.some((key) => key === value);

/** The timesheets matching `query`: grouped with totals, selectable for bulk submit, approve and reject. */
export function TimesheetList({ query, revision }: { query: string; revision: number }) {
  const { t, i18n } = useTranslation();
  const ws = useWorkspace();
  const [sheets, setSheets] = useState<Timesheet[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [reloads, setReloads] = useState(0);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [grouping, setGrouping] = useStoredState<ListGrouping>('tandem.timesheets.group', 'day', isListGrouping);
  const [editing, setEditing] = useState<Timesheet | null>(null);
  const [rejecting, setRejecting] = useState(false);
  const [pending, setPending] = useState(false);
  // Phones keep the date, the item (with its approval below) and the time.
  const narrow = useMediaQuery('(max-width: 640px)');
  const columns = narrow ? 4 : 7;

  useEffect(() => {
    const abort = new AbortController();
    setLoading(true);
    fetchAll<Timesheet>(`/timesheets${query ? `?${query}` : ''}`, undefined, abort.signal).then(
      (rows) => {
        if (abort.signal.aborted) return;
        setSheets(rows);
        setSelected((current) => new Set([...current].filter((id) => rows.some((row) => row.id === id))));
        setLoading(false);
      },
      (err: unknown) => {
        if (abort.signal.aborted) return;
        setError(err);
        setLoading(false);
      },
    );
    return () => abort.abort();
  }, [query, revision, reloads]);

  // Changes from anyone reload the list, a moment later and once per burst (a bulk approval sends many).
  const [stale, setStale] = useState(0);
  useLiveEvents((event) => {
    if (event.entity_type === 'timesheet') setStale((n) => n + 1);
  });
  useEffect(() => {
    if (stale === 0) return;
    const timer = window.setTimeout(() => setReloads((n) => n + 1), 300);
    return () => window.clearTimeout(timer);
  }, [stale]);

  const groups = useMemo(() => groupSheets(sheets, grouping), [sheets, grouping]);
  const totals = useMemo(() => sheetTotals(sheets), [sheets]);
  const chosen = sheets.filter((sheet) => selected.has(sheet.id));
  const chosenTotals = sheetTotals(chosen);
  const isAdmin = ws.me.role === 'admin';
  const decides = (sheet: Timesheet) => canDecide(sheet, isAdmin, (id) => ws.projectById.get(id)?.my_role);
  // Approve and reject show for whoever approves any project's time, and act on what they may decide.
  const approver = isAdmin || ws.projects.some((project) => project.my_role === 'lead' || project.my_role === 'manager');
  const can = (step: Step) =>
    chosen.length > 0 &&
    chosen.every((sheet) =>
      step === 'submit' ? sheet.status === 'draft' || sheet.status === 'rejected' : sheet.status === 'submitted' && decides(sheet),
    );
  const dayFormat = new Intl.DateTimeFormat(i18n.language, { weekday: 'short', day: 'numeric', month: 'short' });
  const timeFormat = new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit' });

  // Moves the chosen timesheets on (all or none); rejects with the server's refusal.
  async function run(step: Step, reason?: string) {
    await api.post(`/timesheets/${step}`, { ids: chosen.map((sheet) => sheet.id), ...(reason ? { reason } : {}) });
    setSelected(new Set());
    setReloads((n) => n + 1);
  }

  async function apply(step: Step) {
    setPending(true);
    setError(null);
    try {
      await run(step);
    } catch (err) {
      setError(err);
    } finally {
      setPending(false);
    }
  }

  function toggle(ids: number[], on: boolean) {
    setSelected((current) => {
      const next = new Set(current);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  }

  function groupLabel(group: SheetGroup): string {
    const first = group.rows[0];
    switch (grouping) {
      case 'day':
        return dayFormat.format(new Date(`${group.key}T12:00:00`));
      case 'week':
        return t('time.list.weekOf', { day: dayFormat.format(new Date(`${group.key}T12:00:00`)) });
      case 'user':
        return first?.user_name ?? '';
      case 'project':
        return group.key === '' ? t('items.noProject') : (ws.projectById.get(Number(group.key))?.name ?? `#${group.key}`);
      case 'item':
        return first ? `#${first.item_number} ${first.item_title}` : '';
      case 'status':
        return t(`time.status.${group.key as Timesheet['status']}`);
      case '':
        return '';
    }
  }

  function approval(sheet: Timesheet) {
    return (
      <>
        <span className={`sheet-status sheet-${sheet.status}`} title={sheet.status === 'rejected' ? sheet.reason : undefined}>
          {t(`time.status.${sheet.status}`)}
        </span>
        {sheet.invoiced && <span className="tag">{t('time.list.invoiced')}</span>}
      </>
    );
  }

  const allIds = sheets.map((sheet) => sheet.id);
  const allChosen = allIds.length > 0 && allIds.every((id) => selected.has(id));
  return (
    <section className="time-list" aria-label={t('time.tabs.entries')} aria-busy={loading}>
      <div className="time-toolbar">
        {chosen.length > 0 ? (
          <div className="bulk-bar" role="group" aria-label={t('time.list.bulkActions')}>
            <strong>{t('time.list.selected', { count: chosen.length })}</strong>
            <span className="muted">{formatMinutes(chosenTotals.minutes)}</span>
            <button type="button" className="button button-secondary button-small" disabled={pending || !can('submit')} onClick={() => void apply('submit')}>
              {t('time.list.submit')}
            </button>
            {approver && (
              <>
                <button type="button" className="button button-primary button-small" disabled={pending || !can('approve')} onClick={() => void apply('approve')}>
                  {t('time.list.approve')}
                </button>
                <button type="button" className="button button-danger button-small" disabled={pending || !can('reject')} onClick={() => setRejecting(true)}>
                  {t('time.list.reject')}
                </button>
              </>
            )}
            <button type="button" className="button button-ghost button-small" onClick={() => setSelected(new Set())}>
              {t('time.list.clearSelection')}
            </button>
          </div>
        ) : (
          <p className="time-summary">
            <span>{t('time.list.entries', { count: sheets.length })}</span>
            <span>
              {t('time.list.total')} <strong>{formatMinutes(totals.minutes)}</strong>
            </span>
            <span>
              {t('time.billable')} <strong>{formatMinutes(totals.billableMinutes)}</strong>
            </span>
          </p>
        )}
        <label className="time-filter time-group-select">
          <span>{t('items.groupBy')}</span>
          <select value={grouping} onChange={(e) => setGrouping(e.target.value as ListGrouping)}>
            {LIST_GROUPINGS.map((key) => (
              <option key={key} value={key}>
                {key === '' ? t('time.group.none') : t(`time.group.${key}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {error !== null && <Alert message={describeError(t, error)} />}
      <table className="table time-table">
        <thead>
          <tr>
            <th className="col-check">
              <input
                type="checkbox"
                aria-label={t('time.list.selectAll')}
                checked={allChosen}
                disabled={allIds.length === 0}
                onChange={(e) => toggle(allIds, e.target.checked)}
              />
            </th>
            <th>{grouping === 'day' ? t('time.form.start') : t('time.list.date')}</th>
            <th>{t('time.list.item')}</th>
            {!narrow && (
              <>
                <th>{t('time.list.person')}</th>
                <th>{t('time.form.note')}</th>
                <th>{t('time.filters.status')}</th>
              </>
            )}
            <th className="col-num">{t('time.list.duration')}</th>
          </tr>
        </thead>
        <tbody>
          {!loading && sheets.length === 0 && (
            <tr>
              <td colSpan={columns} className="time-empty">
                <strong>{t('time.list.emptyTitle')}</strong>
                <span className="muted">{t('time.list.empty')}</span>
              </td>
            </tr>
          )}
          {groups.map((group) => (
            <Fragment key={group.key}>
              {grouping !== '' && (
                <tr className="group-row">
                  <td className="col-check">
                    <input
                      type="checkbox"
                      aria-label={t('time.list.selectGroup', { group: groupLabel(group) })}
                      checked={group.rows.every((row) => selected.has(row.id))}
                      onChange={(e) => toggle(group.rows.map((row) => row.id), e.target.checked)}
                    />
                  </td>
                  <td colSpan={columns - 2}>
                    <strong>{groupLabel(group)}</strong>
                    <span className="count">{group.rows.length}</span>
                  </td>
                  <td className="col-num">
                    <strong>{formatMinutes(group.minutes)}</strong>
                  </td>
                </tr>
              )}
              {group.rows.map((sheet) => (
                <tr key={sheet.id} className={selected.has(sheet.id) ? 'is-selected' : undefined} onClick={() => setEditing(sheet)}>
                  <td className="col-check" onClick={(e) => e.stopPropagation()}>
                    <input
                      type="checkbox"
                      aria-label={t('time.list.selectRow', { number: sheet.item_number, time: formatMinutes(sheet.minutes) })}
                      checked={selected.has(sheet.id)}
                      onChange={(e) => toggle([sheet.id], e.target.checked)}
                    />
                  </td>
                  <td className="col-date">
                    {grouping === 'day' ? (
                      timeFormat.format(new Date(sheet.started_at))
                    ) : (
                      <>
                        {dayFormat.format(new Date(`${sheetDay(sheet)}T12:00:00`))}
                        <span className="cell-sub">{timeFormat.format(new Date(sheet.started_at))}</span>
                      </>
                    )}
                  </td>
                  <td className="col-item">
                    {/* The row opens on a click anywhere; the button gives keyboards the same way in. */}
                    <button type="button" className="sheet-open">
                      <span className="panel-number">#{sheet.item_number}</span> {sheet.item_title}
                    </button>
                    {narrow && <span className="cell-sub">{approval(sheet)}</span>}
                  </td>
                  {!narrow && (
                    <>
                      <td>
                        <span className="person">
                          <Avatar name={sheet.user_name} size={22} />
                          {sheet.user_name}
                        </span>
                      </td>
                      <td className="col-note">{sheet.note || <span className="muted">—</span>}</td>
                      <td>{approval(sheet)}</td>
                    </>
                  )}
                  <td className="col-num">
                    <strong>{formatMinutes(sheet.minutes)}</strong>
                    {!sheet.billable && <span className="cell-sub">{t('time.nonBillable')}</span>}
                  </td>
                </tr>
              ))}
            </Fragment>
          ))}
        </tbody>
        {sheets.length > 0 && (
          <tfoot>
            <tr>
              <td />
              <td colSpan={columns - 2}>{t('time.list.total')}</td>
              <td className="col-num">{formatMinutes(totals.minutes)}</td>
            </tr>
          </tfoot>
        )}
      </table>
      {editing && <TimesheetDialog timesheet={editing} onClose={() => setEditing(null)} onSaved={() => setReloads((n) => n + 1)} />}
      {rejecting && <RejectDialog count={chosen.length} onClose={() => setRejecting(false)} onReject={(reason) => run('reject', reason)} />}
    </section>
  );
}

function RejectDialog({ count, onClose, onReject }: { count: number; onClose: () => void; onReject: (reason: string) => Promise<void> }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  return (
    <FormDialog title={t('time.list.rejectTitle', { count })} submitLabel={t('time.list.reject')} onClose={onClose} onSubmit={() => onReject(reason.trim())}>
      <label className="form-field">
        <span>{t('time.list.reason')}</span>
        <textarea rows={3} value={reason} maxLength={2000} required autoFocus onChange={(e) => setReason(e.target.value)} placeholder={t('time.list.reasonPlaceholder')} />
      </label>
    </FormDialog>
  );
}
