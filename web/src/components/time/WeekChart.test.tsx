import i18next from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import en from '../../locales/en.json';
import { WeekChart } from './WeekChart';

const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({ resources: { en: { translation: en } }, lng: 'en', initAsync: false, interpolation: { escapeValue: false } });

function render(weeks: { week: string; minutes: number }[]): string {
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <WeekChart weeks={weeks} />
    </I18nextProvider>,
  );
}

describe('WeekChart', () => {
  it('draws a bar per week, scaled to a round top, with the hours in its tooltip', () => {
    const html = render([
      { week: '2026-10-05', minutes: 90 },
      { week: '2026-10-12', minutes: 0 },
      { week: '2026-10-19', minutes: 420 },
    ]);
    expect(html).toContain('aria-label="Bar chart of the hours logged per week"');
    expect(html.match(/<rect /g)).toHaveLength(3);
    expect(html).toContain('<title>Week of Oct 5: 1.5 h</title>');
    expect(html).toContain('<title>Week of Oct 19: 7 h</title>');
    // 7 hours at most: the scale tops at 8 with grid lines every 2 hours.
    expect([...html.matchAll(/<line [^>]*y1="([\d.]+)"/g)].map((m) => Number(m[1]))).toEqual([194, 150.5, 107, 63.5, 20]);
    expect([...html.matchAll(/text-anchor="end">([\d.]+)</g)].map((m) => m[1])).toEqual(['0', '2', '4', '6', '8']);
    // The empty week has a flat bar on the base line and no value; 7 of 8 hours reach 7/8 of the way up.
    expect(html).toMatch(/<rect x="[\d.]+" y="194" width="[\d.]+" height="0"/);
    expect(html).toMatch(/<rect x="[\d.]+" y="41.75" width="[\d.]+" height="152.25"/);
    expect([...html.matchAll(/class="chart-value"[^>]*>([\d.]+)</g)].map((m) => m[1])).toEqual(['1.5', '7']);
  });

  it('says so when no time was logged', () => {
    expect(render([])).toContain('No time logged in this period.');
  });
});
