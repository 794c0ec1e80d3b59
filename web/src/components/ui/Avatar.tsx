// Backgrounds that all keep white initials readable.
const COLORS = ['#5b5bd6', '#0d74ce', '#0f7f74', '#c2298a', '#d13438', '#8e4ec6', '#3e63dd', '#b54708'];

/** A round badge with the initials of `name` (first and last word), always the same colour for the same name. */
export function Avatar({ name, size = 28 }: { name: string; size?: number }) {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = words[0]?.[0] ?? '?';
  const last = words.length > 1 ? (words[words.length - 1]?.[0] ?? '') : '';
  const hash = [...name].reduce((sum, ch) => (sum * 31 + ch.charCodeAt(0)) >>> 0, 7);
  return (
    <span
      className="avatar"
      aria-hidden="true"
      style={{ width: size, height: size, fontSize: Math.round(size * 0.4), background: COLORS[hash % COLORS.length] }}
    >
      {(first + last).toUpperCase()}
    </span>
  );
}
