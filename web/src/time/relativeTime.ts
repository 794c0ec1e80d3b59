// Building the first formatters loads the browser's locale data (tens of milliseconds on a slow machine), so
// they are kept, one pair per language, and the entry builds the likely pair while the app's code loads.
interface Formats {
  relative: Intl.RelativeTimeFormat;
  date: Intl.DateTimeFormat;
}

const formats = new Map<string, Formats>();

function formatsFor(lang: string): Formats {
  let found = formats.get(lang);
  if (found === undefined) {
    found = { relative: new Intl.RelativeTimeFormat(lang, { numeric: 'auto' }), date: new Intl.DateTimeFormat(lang) };
    formats.set(lang, found);
  }
  return found;
}

/** Builds the formatters of `lang` ahead of their first use. */
export function prepareRelativeTime(lang: string): void {
  formatsFor(lang);
}

/** "5 min ago", "yesterday"… in `lang`, for an ISO instant; the date itself when it is a month away or more. */
export function relativeTime(iso: string, lang: string): string {
  const seconds = (Date.parse(iso) - Date.now()) / 1000;
  const { relative, date } = formatsFor(lang);
  const abs = Math.abs(seconds);
  if (abs < 60) return relative.format(Math.round(seconds), 'second');
  if (abs < 3600) return relative.format(Math.round(seconds / 60), 'minute');
  if (abs < 86400) return relative.format(Math.round(seconds / 3600), 'hour');
  if (abs < 86400 * 30) return relative.format(Math.round(seconds / 86400), 'day');
  return date.format(new Date(iso));
}
