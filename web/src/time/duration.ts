// Durations as people read and type them: a running clock (1:04:05), logged time (1:05) and decimal hours.

/** A live clock of whole seconds: "0:04:05", "12:00:00"; negative input counts as zero. */
export function formatClock(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

/** Logged minutes as hours and minutes: 90 → "1:30", 5 → "0:05", 600 → "10:00". */
export function formatMinutes(minutes: number): string {
  const total = Math.max(0, Math.round(minutes));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

/** Minutes as decimal hours rounded to two places: 90 → 1.5, 20 → 0.33. */
export function hoursOf(minutes: number): number {
  return Math.round((minutes / 60) * 100) / 100;
}

/**
 * Reads a typed duration as whole minutes, or null when it is not one: "1:30", "1h 30m", "1h", "45m",
 * "45 min", "1.5" or "1,5" (a bare number is hours). Zero and negative durations are null.
 */
export function parseDuration(text: string): number | null {
  const value = text.trim().toLowerCase().replace(',', '.');
  if (value === '') return null;
  let minutes: number | null = null;
  const clock = /^(\d+):([0-5]?\d)$/.exec(value);
  const units = /^(?:(\d+(?:\.\d+)?)\s*(?:h|ч)\s*)?(?:(\d+)\s*(?:m|min|мин|м)?)?$/.exec(value);
  if (clock) minutes = Number(clock[1]) * 60 + Number(clock[2]);
  else if (/^\d+(?:\.\d+)?$/.test(value)) minutes = Math.round(Number(value) * 60);
  else if (units && (units[1] !== undefined || units[2] !== undefined))
    minutes = Math.round(Number(units[1] ?? 0) * 60) + Number(units[2] ?? 0);
  return minutes !== null && minutes > 0 ? minutes : null;
}
