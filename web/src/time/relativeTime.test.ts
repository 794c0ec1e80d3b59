import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { relativeTime } from './relativeTime';

const NOW = new Date('2026-06-15T12:00:00Z');
const before = (seconds: number) => new Date(NOW.getTime() - seconds * 1000).toISOString();

describe('relativeTime', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(NOW);
  });
  afterEach(() => vi.useRealTimers());

  it('says how long ago, in the unit that fits', () => {
    expect(relativeTime(before(0), 'en')).toBe('now');
    expect(relativeTime(before(5 * 60), 'en')).toBe('5 minutes ago');
    expect(relativeTime(before(3 * 3600), 'en')).toBe('3 hours ago');
    expect(relativeTime(before(86400), 'en')).toBe('yesterday');
    expect(relativeTime(before(-2 * 86400), 'en')).toBe('in 2 days');
  });

  it('speaks the language asked for', () => {
    expect(relativeTime(before(86400), 'ru')).toBe('вчера');
    expect(relativeTime(before(5 * 60), 'ru')).toBe('5 минут назад');
  });

  it('gives the date itself a month away or more', () => {
    expect(relativeTime('2026-01-03T10:00:00Z', 'en')).toBe('1/3/2026');
    expect(relativeTime('2026-01-03T10:00:00Z', 'ru')).toBe('03.01.2026');
  });
});
