import { useTranslation } from 'react-i18next';
import { hoursOf } from '../../time/duration';
import { chartScale, type WeekBucket } from '../../time/weeks';

const WIDTH = 1000;
const HEIGHT = 220;
const LEFT = 36;
const BOTTOM = 26;
const TOP = 20;

/** Hours per week as bars on a round scale; each bar shows its hours and names its week. */
export function WeekChart({ weeks }: { weeks: WeekBucket[] }) {
  const { t, i18n } = useTranslation();
  if (weeks.length === 0) return <p className="muted chart-empty">{t('time.report.noTime')}</p>;
  const { step, top } = chartScale(Math.max(...weeks.map((w) => hoursOf(w.minutes))));
  const ticks = Array.from({ length: Math.round(top / step) + 1 }, (_, i) => Math.round(i * step * 100) / 100);
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const slot = (WIDTH - LEFT) / weeks.length;
  const bar = Math.min(44, slot * 0.62);
  const y = (hours: number) => TOP + plotHeight - (hours / top) * plotHeight;
  const dayFormat = new Intl.DateTimeFormat(i18n.language, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const labelEvery = Math.ceil(weeks.length / 12);
  const number = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2 });
  return (
    <svg className="week-chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={t('time.report.chartLabel')}>
      {ticks.map((tick) => (
        <g key={tick} className="chart-grid">
          <line x1={LEFT} x2={WIDTH} y1={y(tick)} y2={y(tick)} />
          <text x={LEFT - 8} y={y(tick) + 4} textAnchor="end">
            {number.format(tick)}
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
            {hours > 0 && (
              <text className="chart-value" x={x + bar / 2} y={y(hours) - 6} textAnchor="middle">
                {number.format(hours)}
              </text>
            )}
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
