import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useWorkspace } from '../../data/workspace';
import { DEFAULT_FILTERS, filterQuery, type TimeFilters } from '../../time/sheets';
import { localToday, PERIODS, type Period } from '../../time/weeks';
import { AdminPage } from '../admin/AdminPage';
import { Tabs } from '../admin/Tabs';
import { useAddRequests } from '../admin/useAddRequests';
import { Icon } from '../ui/Icon';
import { NamedOptions } from '../ui/NamedOptions';
import { ImportDialog } from './ImportDialog';
import { TimeReport, type ReportGrouping } from './TimeReport';
import { TimesheetDialog } from './TimesheetDialog';
import { TimesheetList } from './TimesheetList';
import '../../styles/time.css';

type Section = 'entries' | 'report';

/** Timesheets: the logged time with filters, approval in bulk, manual entry, the report and its downloads. */
export default function TimesheetsApp({ addRequests }: { addRequests: number }) {
  const { t } = useTranslation();
  const [section, setSection] = useState<Section>('entries');
  const [filters, setFilters] = useState<TimeFilters>(DEFAULT_FILTERS);
  const [groupings, setGroupings] = useState<ReportGrouping[]>(['project', 'user']);
  const [logging, setLogging] = useState(false);
  const [importing, setImporting] = useState(false);
  const [revision, setRevision] = useState(0);
  useAddRequests(addRequests, () => setLogging(true));
  const query = filterQuery(filters, localToday());
  const exportUrl = (format: 'csv' | 'xlsx') => {
    const params = new URLSearchParams(query);
    params.set('group_by', groupings.join(','));
    params.set('format', format);
    return `/api/v1/reports/timesheets?${params.toString()}`;
  };

  return (
    <AdminPage
      title={t('apps.timesheets.title')}
      actions={
        <>
          <button type="button" className="button button-secondary button-small" onClick={() => setImporting(true)}>
            <Icon name="upload" size={16} />
            {t('time.import.open')}
          </button>
          <a className="button button-secondary button-small" href={exportUrl('csv')} download="timesheets.csv">
            <Icon name="download" size={16} />
            {t('time.export.csv')}
          </a>
          <a className="button button-secondary button-small" href={exportUrl('xlsx')} download="timesheets.xlsx">
            <Icon name="download" size={16} />
            {t('time.export.xlsx')}
          </a>
          <button type="button" className="button button-primary button-small" onClick={() => setLogging(true)}>
            <Icon name="plus" size={16} />
            {t('add.timesheets')}
          </button>
        </>
      }
    >
      <Tabs<Section>
        label={t('apps.timesheets.title')}
        current={section}
        onSelect={setSection}
        tabs={[
          { id: 'entries', label: t('time.tabs.entries') },
          { id: 'report', label: t('time.tabs.report') },
        ]}
      />
      <FilterRow filters={filters} onChange={setFilters} />
      {section === 'entries' ? (
        <TimesheetList query={query} revision={revision} />
      ) : (
        <TimeReport query={query} groupings={groupings} onGroupings={setGroupings} />
      )}
      {logging && <TimesheetDialog onClose={() => setLogging(false)} onSaved={() => setRevision((n) => n + 1)} />}
      {importing && <ImportDialog onClose={() => setImporting(false)} onImported={() => setRevision((n) => n + 1)} />}
    </AdminPage>
  );
}

/** The filters over both tabs: period (or custom days), project, person, approval status and billable. */
function FilterRow({ filters, onChange }: { filters: TimeFilters; onChange: (filters: TimeFilters) => void }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const set = <K extends keyof TimeFilters>(key: K, value: TimeFilters[K]) => onChange({ ...filters, [key]: value });
  return (
    <div className="time-filters" role="group" aria-label={t('time.filters.label')}>
      <label className="time-filter">
        <span>{t('time.filters.period')}</span>
        <select value={filters.period} onChange={(e) => set('period', e.target.value as Period)}>
          {PERIODS.map((period) => (
            <option key={period} value={period}>
              {t(`time.periods.${period}`)}
            </option>
          ))}
        </select>
      </label>
      {filters.period === 'custom' && (
        <>
          <label className="time-filter">
            <span>{t('time.filters.from')}</span>
            <input type="date" value={filters.from} onChange={(e) => set('from', e.target.value)} />
          </label>
          <label className="time-filter">
            <span>{t('time.filters.to')}</span>
            <input type="date" value={filters.to} onChange={(e) => set('to', e.target.value)} />
          </label>
        </>
      )}
      <label className="time-filter">
        <span>{t('items.project')}</span>
        <select value={filters.projectId} onChange={(e) => set('projectId', e.target.value)}>
          <option value="">{t('time.filters.anyProject')}</option>
          <NamedOptions of={ws.projects} />
        </select>
      </label>
      <label className="time-filter">
        <span>{t('time.filters.person')}</span>
        <select value={filters.userId} onChange={(e) => set('userId', e.target.value)}>
          <option value="">{t('time.filters.anyone')}</option>
          <NamedOptions of={ws.users} />
        </select>
      </label>
      <label className="time-filter">
        <span>{t('time.filters.status')}</span>
        <select value={filters.status} onChange={(e) => set('status', e.target.value as TimeFilters['status'])}>
          <option value="">{t('time.filters.anyStatus')}</option>
          {(['draft', 'submitted', 'approved', 'rejected'] as const).map((status) => (
            <option key={status} value={status}>
              {t(`time.status.${status}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="time-filter">
        <span>{t('time.billable')}</span>
        <select value={filters.billable} onChange={(e) => set('billable', e.target.value as TimeFilters['billable'])}>
          <option value="">{t('time.filters.billableAny')}</option>
          <option value="true">{t('time.filters.billableOnly')}</option>
          <option value="false">{t('time.filters.nonBillableOnly')}</option>
        </select>
      </label>
      {JSON.stringify(filters) !== JSON.stringify(DEFAULT_FILTERS) && (
        <button type="button" className="button button-ghost button-small" onClick={() => onChange(DEFAULT_FILTERS)}>
          {t('time.filters.reset')}
        </button>
      )}
    </div>
  );
}
