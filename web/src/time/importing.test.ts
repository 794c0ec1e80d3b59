import { describe, expect, it } from 'vitest';
import { csvHeader, guessMapping, missingField } from './importing';

describe('csvHeader', () => {
  it('reads the names of the first line', () => {
    expect(csvHeader('Ticket,Day,Hours\n12,2026-10-01,1\n')).toEqual(['Ticket', 'Day', 'Hours']);
    expect(csvHeader('Item,Start\r\n1,2\r\n')).toEqual(['Item', 'Start']);
  });
  it('understands quotes, doubled quotes and a byte order mark', () => {
    expect(csvHeader('\ufeff"Item, #","Say ""hi""",Note\n')).toEqual(['Item, #', 'Say "hi"', 'Note']);
  });
  it('is empty for an empty file', () => {
    expect(csvHeader('')).toEqual([]);
  });
});

describe('guessMapping', () => {
  it('maps usual names in any case, each column once', () => {
    expect(guessMapping(['Ticket', 'Day', 'Hours', 'Email', 'Billable', 'Note', 'Colour'])).toEqual({
      item_number: 'Ticket',
      date: 'Day',
      hours: 'Hours',
      user_email: 'Email',
      billable: 'Billable',
      note: 'Note',
    });
    expect(guessMapping(['Задача', 'Дата', 'Минуты'])).toEqual({ item_number: 'Задача', date: 'Дата', minutes: 'Минуты' });
  });
  it('says what a mapping lacks', () => {
    expect(missingField({ date: 'Day', hours: 'Hours' })).toBe('item');
    expect(missingField({ item_id: 'Id', date: 'Day' })).toBe('length');
    expect(missingField({ item_number: 'N', minutes: 'M' })).toBe('day');
    expect(missingField({ item_number: 'N', minutes: 'M', started_at: 'S' })).toBeNull();
  });
});
