// Calendar arithmetic on ISO days (YYYY-MM-DD), in UTC like the server's report keys.

const DAY_MS = 86_400_000;

function toDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function dayMs(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

/** The Monday of the week holding `day` (weeks start on Monday, as the report's week keys do). */
export function mondayOf(day: string): string {
  const ms = dayMs(day);
  const weekday = (new Date(ms).getUTCDay() + 6) % 7;
  return toDay(ms - weekday * DAY_MS);
}

/** `day` moved by `days` (negative goes back). */
export function addDays(day: string, days: number): string {
  return toDay(dayMs(day) + days * DAY_MS);
}

/** One week of the chart: its Monday and the minutes logged in it. */
export interface WeekBucket {
  week: string;
  minutes: number;
}

/**
 * Places per-week totals (keyed by any day of the week) on a continuous run of weeks, empty weeks at zero:
 * from `from` (or the first week with time) to `to` (or the last), at most `limit` weeks, the latest kept.
 */
export function weekBuckets(totals: { key: string; minutes: number }[], from?: string, to?: string, limit = 26): WeekBucket[] {
  const sums = new Map<string, number>();
  for (const { key, minutes } of totals) {
    const week = mondayOf(key);
    sums.set(week, (sums.get(week) ?? 0) + minutes);
  }
  const weeks = [...sums.keys()].sort();
  const first = from !== undefined ? mondayOf(from) : weeks[0];
  const last = to !== undefined ? mondayOf(to) : weeks[weeks.length - 1];
  if (first === undefined || last === undefined || first > last) return [];
  const buckets: WeekBucket[] = [];
  for (let week = last; week >= first && buckets.length < limit; week = addDays(week, -7))
    buckets.push({ week, minutes: sums.get(week) ?? 0 });
  return buckets.reverse();
}

/**
 * A chart's scale for values up to `max`: a round step (1, 2, 2.5 or 5 times a power of ten) giving at most
 * about four grid lines, and the top as a whole number of steps: 7 → step 2, top 8; 2.25 → step 1, top 3.
 */
export function chartScale(max: number): { step: number; top: number } {
  if (max <= 0) return { step: 1, top: 1 };
  const rough = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 2.5, 5, 10].find((s) => s * magnitude >= rough) ?? 10) * magnitude;
  return { step, top: Math.ceil(max / step - 1e-9) * step };
}

/** The periods the time screens offer. */
export const PERIODS = ['this_week', 'last_week', 'this_month', 'last_month', 'this_year', 'all', 'custom'] as const;
export type Period = (typeof PERIODS)[number];

/** The first and last day of `period` around `today` (both undefined for all time and a custom period). */
export function periodRange(period: Period, today: string): { from?: string; to?: string } {
  const [year, month] = today.split('-').map(Number) as [number, number];
  const monthStart = (y: number, m: number) => toDay(Date.UTC(y, m - 1, 1));
  switch (period) {
    case 'this_week':
      return { from: mondayOf(today), to: addDays(mondayOf(today), 6) };
    case 'last_week':
      return { from: addDays(mondayOf(today), -7), to: addDays(mondayOf(today), -1) };
    case 'this_month':
      return { from: monthStart(year, month), to: addDays(monthStart(year, month + 1), -1) };
    case 'last_month':
      return { from: monthStart(year, month - 1), to: addDays(monthStart(year, month), -1) };
    case 'this_year':
      return { from: `${year}-01-01`, to: `${year}-12-31` };
    case 'all':
    case 'custom':
      return {};
  }
}

/** Today as an ISO day in the browser's time zone. */
export function localToday(now = new Date()): string {
  return toDay(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()));
}
