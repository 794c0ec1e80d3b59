import { describe, expect, it } from 'vitest';
import { addDays, chartScale, localToday, mondayOf, periodRange, weekBuckets } from './weeks';

describe('mondayOf', () => {
  it('finds the Monday of the week', () => {
    expect(mondayOf('2026-10-05')).toBe('2026-10-05'); // a Monday
    expect(mondayOf('2026-10-11')).toBe('2026-10-05'); // the Sunday after
    expect(mondayOf('2026-10-12')).toBe('2026-10-12');
    expect(mondayOf('2027-01-01')).toBe('2026-12-28'); // across the year
  });
  it('moves days across months', () => {
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});

describe('weekBuckets', () => {
  it('fills the weeks between the first and last with zero', () => {
    const weeks = weekBuckets([
      { key: '2026-10-05', minutes: 90 },
      { key: '2026-10-26', minutes: 30 },
    ]);
    expect(weeks).toEqual([
      { week: '2026-10-05', minutes: 90 },
      { week: '2026-10-12', minutes: 0 },
      { week: '2026-10-19', minutes: 0 },
      { week: '2026-10-26', minutes: 30 },
    ]);
  });
  it('adds up days of the same week and spans the period asked for', () => {
    const weeks = weekBuckets(
      [
        { key: '2026-10-06', minutes: 30 },
        { key: '2026-10-09', minutes: 15 },
      ],
      '2026-10-01',
      '2026-10-20',
    );
    expect(weeks).toEqual([
      { week: '2026-09-28', minutes: 0 },
      { week: '2026-10-05', minutes: 45 },
      { week: '2026-10-12', minutes: 0 },
      { week: '2026-10-19', minutes: 0 },
    ]);
  });
  it('keeps the latest weeks when there are too many', () => {
    const weeks = weekBuckets([{ key: '2026-10-05', minutes: 60 }], '2026-01-01', '2026-12-31', 4);
    expect(weeks.map((w) => w.week)).toEqual(['2026-12-07', '2026-12-14', '2026-12-21', '2026-12-28']);
  });
  it('is empty without time or period', () => {
    expect(weekBuckets([])).toEqual([]);
  });
});

describe('chartScale', () => {
  it('steps in round numbers up to a top just above the largest value', () => {
    expect(chartScale(0)).toEqual({ step: 1, top: 1 });
    expect(chartScale(2.25)).toEqual({ step: 1, top: 3 });
    expect(chartScale(7)).toEqual({ step: 2, top: 8 });
    expect(chartScale(8)).toEqual({ step: 2, top: 8 });
    expect(chartScale(13)).toEqual({ step: 5, top: 15 });
    expect(chartScale(42)).toEqual({ step: 20, top: 60 });
    expect(chartScale(0.5)).toEqual({ step: 0.2, top: 0.6000000000000001 });
  });
});

describe('periodRange', () => {
  it('names the first and last day', () => {
    expect(periodRange('this_week', '2026-12-04')).toEqual({ from: '2026-11-30', to: '2026-12-06' });
    expect(periodRange('last_week', '2026-12-04')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(periodRange('this_month', '2026-12-04')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(periodRange('last_month', '2026-01-15')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(periodRange('this_year', '2026-12-04')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(periodRange('all', '2026-12-04')).toEqual({});
  });
  it('reads today in local time', () => {
    expect(localToday(new Date(2026, 11, 4, 23, 30))).toBe('2026-12-04');
  });
});
