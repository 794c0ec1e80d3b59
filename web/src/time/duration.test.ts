import { describe, expect, it } from 'vitest';
import { formatClock, formatMinutes, hoursOf, parseDuration } from './duration';

describe('formatClock', () => {
  it('shows hours, minutes and seconds', () => {
    expect(formatClock(0)).toBe('0:00:00');
    expect(formatClock(245)).toBe('0:04:05');
    expect(formatClock(3600 * 12)).toBe('12:00:00');
    expect(formatClock(3661.9)).toBe('1:01:01');
  });
  it('never goes below zero', () => {
    expect(formatClock(-5)).toBe('0:00:00');
  });
});

describe('formatMinutes', () => {
  it('shows hours and minutes', () => {
    expect(formatMinutes(90)).toBe('1:30');
    expect(formatMinutes(5)).toBe('0:05');
    expect(formatMinutes(600)).toBe('10:00');
    expect(formatMinutes(0)).toBe('0:00');
  });
});

describe('hoursOf', () => {
  it('rounds to two places', () => {
    expect(hoursOf(90)).toBe(1.5);
    expect(hoursOf(20)).toBe(0.33);
    expect(hoursOf(255)).toBe(4.25);
  });
});

describe('parseDuration', () => {
  it('reads clocks, units and bare hours', () => {
    expect(parseDuration('1:30')).toBe(90);
    expect(parseDuration('0:05')).toBe(5);
    expect(parseDuration('1h 30m')).toBe(90);
    expect(parseDuration('2h')).toBe(120);
    expect(parseDuration('45m')).toBe(45);
    expect(parseDuration('45 min')).toBe(45);
    expect(parseDuration('1.5')).toBe(90);
    expect(parseDuration('1,25')).toBe(75);
    expect(parseDuration('1.5h')).toBe(90);
    expect(parseDuration('2ч 15мин')).toBe(135);
  });
  it('refuses what is not a positive duration', () => {
    expect(parseDuration('')).toBeNull();
    expect(parseDuration('0:00')).toBeNull();
    expect(parseDuration('soon')).toBeNull();
    expect(parseDuration('1:75')).toBeNull();
    expect(parseDuration('-1')).toBeNull();
  });
  it('reads back what formatMinutes writes', () => {
    for (const minutes of [1, 59, 60, 61, 599, 10_080]) expect(parseDuration(formatMinutes(minutes))).toBe(minutes);
  });
});
