import { Fragment, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { describeError } from '../../describeError';
import type { ReportGroup, ReportTotals, TimeReport as Report } from '../../model';
import { formatMinutes, hoursOf } from '../../time/duration';
import { localToday, weekBuckets } from '../../time/weeks';
import { Alert } from '../ui/Alert';
import { WeekChart } from './WeekChart';

/** What the report can group by, on each of its three levels. */
export const REPORT_GROUPINGS = ['organization', 'project', 'user', 'item', 'day', 'week', 'month'] as const;
export type ReportGrouping = (typeof REPORT_GROUPINGS)[number];

const LEVELS = 3;

interface TimeReportProps {
  query: string;
  groupings: ReportGrouping[];
  onGroupings: (groupings: ReportGrouping[]) => void;
}

/** The time report for `query`: key figures, hours per week, and a table grouped on up to three levels. */
export function TimeReport({ query, groupings, onGroupings }: TimeReportProps) {
  const { t, i18n } = useTranslation();
  const [report, setReport] = useState<Report | null>(null);
  const [weeks, setWeeks] = useState<Report | null>(null);
  const [error, setError] = useState<unknown>(null);
  const params = new URLSearchParams(query);

  useEffect(() => {
    let current = true;
    setError(null);
    const base = query ? `${query}&` : '';
    Promise.all([
      api.get<Report>(`/reports/timesheets?${base}group_by=${groupings.join(',')}`),
      api.get<Report>(`/reports/timesheets?${base}group_by=week`),
    ]).then(
      ([grouped, weekly]) => {
        if (!current) return;
        setReport(grouped);
        setWeeks(weekly);
      },
      (err: unknown) => current && setError(err),
    );
    return () => {
      current = false;
    };
  }, [query, groupings]);

  function setLevel(level: number, value: string) {
    const next = groupings.slice(0, level);
    if (value !== '') next.push(value as ReportGrouping);
    // Later levels stay when they still differ from the ones before them.
    for (const later of groupings.slice(level + 1)) if (!next.includes(later)) next.push(later);
    onGroupings(next.slice(0, LEVELS));
  }

  const money = new Intl.NumberFormat(i18n.language, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const number = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2 });
  const dayFormat = new Intl.DateTimeFormat(i18n.language, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  const monthFormat = new Intl.DateTimeFormat(i18n.language, { month: 'long', year: 'numeric', timeZone: 'UTC' });

  function label(group: ReportGroup, level: number): string {
    const kind = groupings[level];
    const key = group.key;
    if (key === null || key === '') return t(`time.report.no.${kind ?? 'project'}` as 'time.report.no.project');
    if (typeof key === 'string' && (kind === 'day' || kind === 'week'))
      return kind === 'week' ? t('time.list.weekOf', { day: dayFormat.format(new Date(`${key}T00:00:00Z`)) }) : dayFormat.format(new Date(`${key}T00:00:00Z`));
    if (typeof key === 'string' && kind === 'month') return monthFormat.format(new Date(`${key}-01T00:00:00Z`));
    return group.label || String(key);
  }

  function cells(totals: ReportTotals) {
    return (
      <>
        <td className="col-num">{formatMinutes(totals.minutes)}</td>
        <td className="col-num">{number.format(hoursOf(totals.minutes))}</td>
        <td className="col-num">{formatMinutes(totals.billable_minutes)}</td>
        <td className="col-num">{money.format(totals.amount)}</td>
        <td className="col-num">{totals.count}</td>
      </>
    );
  }

  function rows(groups: ReportGroup[], level: number, path: string): ReactNode {
    return groups.map((group) => {
      const id = `${path}/${String(group.key)}`;
      return (
        <Fragment key={id}>
          <tr className={`report-row report-level-${level}${group.groups && group.groups.length > 0 ? ' has-children' : ''}`}>
            <th scope="row" style={{ paddingLeft: 14 + level * 22 }}>
              {label(group, level)}
            </th>
            {cells(group.totals)}
          </tr>
          {group.groups && rows(group.groups, level + 1, id)}
        </Fragment>
      );
    });
  }

  const totals = report?.totals;
  const from = params.get('from') ?? undefined;
  // Weeks still to come stay off the chart.
  const today = localToday();
  const to = params.get('to') ?? undefined;
  const until = to === undefined || to > today ? today : to;
  const buckets = weeks ? weekBuckets(weeks.groups.map((g) => ({ key: String(g.key), minutes: g.totals.minutes })), from, until) : [];

  return (
    <section className="time-report" aria-label={t('time.tabs.report')} aria-busy={report === null && error === null}>
      {error !== null && <Alert message={describeError(t, error)} />}
      <div className="report-figures">
        <Figure label={t('time.report.total')} value={totals ? formatMinutes(totals.minutes) : '—'} sub={totals ? t('time.report.hours', { hours: number.format(hoursOf(totals.minutes)) }) : ''} />
        <Figure label={t('time.report.billable')} value={totals ? formatMinutes(totals.billable_minutes) : '—'} sub={totals && totals.minutes > 0 ? t('time.report.share', { percent: Math.round((totals.billable_minutes / totals.minutes) * 100) }) : ''} />
        <Figure label={t('time.report.amount')} value={totals ? money.format(totals.amount) : '—'} sub="" />
        <Figure label={t('time.report.entries')} value={totals ? String(totals.count) : '—'} sub="" />
      </div>
      <div className="report-card">
        <h2 className="report-card-title">{t('time.report.perWeek')}</h2>
        <WeekChart weeks={buckets} />
      </div>
      <div className="report-card">
        <div className="report-groupings" role="group" aria-label={t('time.report.groupings')}>
          {Array.from({ length: LEVELS }, (_, level) => (
            <label key={level} className="time-filter">
              <span>{t('time.report.level', { level: level + 1 })}</span>
              <select value={groupings[level] ?? ''} disabled={level > groupings.length} onChange={(e) => setLevel(level, e.target.value)}>
                <option value="">{level === 0 ? t('time.group.none') : '—'}</option>
                {REPORT_GROUPINGS.filter((key) => key === groupings[level] || !groupings.slice(0, level).includes(key)).map((key) => (
                  <option key={key} value={key}>
                    {t(`time.group.${key}`)}
                  </option>
                ))}
              </select>
            </label>
          ))}
        </div>
        <table className="table report-table">
          <thead>
            <tr>
              <th>{groupings.map((key) => t(`time.group.${key}`)).join(' › ') || t('time.report.all')}</th>
              <th className="col-num">{t('time.list.duration')}</th>
              <th className="col-num">{t('time.report.hoursColumn')}</th>
              <th className="col-num">{t('time.report.billable')}</th>
              <th className="col-num">{t('time.report.amount')}</th>
              <th className="col-num">{t('time.report.entries')}</th>
            </tr>
          </thead>
          <tbody>{report && rows(report.groups, 0, '')}</tbody>
          {totals && (
            <tfoot>
              <tr>
                <th scope="row">{t('time.list.total')}</th>
                {cells(totals)}
              </tr>
            </tfoot>
          )}
        </table>
      </div>
    </section>
  );
}

function Figure({ label, value, sub }: { label: string; value: string; sub: string }) {
  return (
    <div className="figure">
      <span className="figure-label">{label}</span>
      <strong className="figure-value">{value}</strong>
      {sub && <span className="figure-sub">{sub}</span>}
    </div>
  );
}
