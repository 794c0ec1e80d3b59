// Building the first formatter loads the browser's locale data (tens of milliseconds on a slow machine), so
// formatters are kept, one per language, and the entry builds the likely one while the app's code loads.
const formats = new Map<string, Intl.RelativeTimeFormat>();

function formatFor(lang: string): Intl.RelativeTimeFormat {
  let format = formats.get(lang);
  if (format === undefined) {
    format = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
    formats.set(lang, format);
  }
  return format;
}

/** Builds the formatter of `lang` ahead of its first use. */
export function prepareRelativeTime(lang: string): void {
  formatFor(lang);
}

/** "5 min ago", "yesterday"… in `lang`, for an ISO instant. */
export function relativeTime(iso: string, lang: string): string {
  const seconds = (Date.parse(iso) - Date.now()) / 1000;
  const format = formatFor(lang);
  const abs = Math.abs(seconds);
  if (abs < 60) return format.format(Math.round(seconds), 'second');
  if (abs < 3600) return format.format(Math.round(seconds / 60), 'minute');
  if (abs < 86400) return format.format(Math.round(seconds / 3600), 'hour');
  if (abs < 86400 * 30) return format.format(Math.round(seconds / 86400), 'day');
  return new Date(iso).toLocaleDateString(lang);
}
