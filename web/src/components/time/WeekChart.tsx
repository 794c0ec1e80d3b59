import { useTranslation } from 'react-i18next';
import { hoursOf } from '../../time/duration';
import { niceCeiling, type WeekBucket } from '../../time/weeks';

const WIDTH = 720;
const HEIGHT = 200;
const LEFT = 36;
const BOTTOM = 26;
const TOP = 12;

/** Hours per week as bars on a scale with four grid lines; each bar names its week and hours. */
export function WeekChart({ weeks }: { weeks: WeekBucket[] }) {
  const { t, i18n } = useTranslation();
  if (weeks.length === 0) return <p className="muted chart-empty">{t('time.report.noTime')}</p>;
  const top = niceCeiling(Math.max(...weeks.map((w) => hoursOf(w.minutes))));
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const slot = (WIDTH - LEFT) / weeks.length;
  const bar = Math.min(44, slot * 0.62);
  const y = (hours: number) => TOP + plotHeight - (hours / top) * plotHeight;
  const dayFormat = new Intl.DateTimeFormat(i18n.language, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const labelEvery = Math.ceil(weeks.length / 12);
  return (
    <svg className="week-chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={t('time.report.chartLabel')}>
      {[0, 0.25, 0.5, 0.75, 1].map((share) => (
        <g key={share} className="chart-grid">
          <line x1={LEFT} x2={WIDTH} y1={y(top * share)} y2={y(top * share)} />
          <text x={LEFT - 8} y={y(top * share) + 4} textAnchor="end">
            {Math.round(top * share * 10) / 10}
          </text>
        </g>
      ))}
      {weeks.map((week, index) => {
        const hours = hoursOf(week.minutes);
        const x = LEFT + index * slot + (slot - bar) / 2;
        const label = dayFormat.format(new Date(`${week.week}T00:00:00Z`));
        return (
          <g key={week.week} className="chart-bar">
            <title>{t('time.report.weekBar', { week: label, hours })}</title>
            <rect x={x} y={y(hours)} width={bar} height={Math.max(0, y(0) - y(hours))} rx={4} />
            {index % labelEvery === 0 && (
              <text x={x + bar / 2} y={HEIGHT - 8} textAnchor="middle">
                {label}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}
