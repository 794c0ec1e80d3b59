// Reading a timesheet CSV's header and guessing which column holds which field, for POST /timesheets/import.

/** The fields a CSV column can fill, in the order the import form lists them. */
export const IMPORT_FIELDS = ['item_number', 'item_id', 'date', 'started_at', 'hours', 'minutes', 'user_email', 'billable', 'note'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** The column names on the CSV's first line (quoted names may hold commas and doubled quotes). */
export function csvHeader(csv: string): string[] {
  const text = csv.charCodeAt(0) === 0xfeff ? csv.slice(1) : csv;
  const names: string[] = [];
  let name = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        name += '"';
        i++;
      } else if (c === '"') quoted = false;
      else name += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      names.push(name.trim());
      name = '';
    } else if (c === '\n' || c === '\r') break;
    else name += c;
  }
  names.push(name.trim());
  return names.length === 1 && names[0] === '' ? [] : names;
}

// Column names that usually hold each field, lower case, in English and Russian.
const NAMES: Record<ImportField, string[]> = {
  item_number: ['item_number', 'item number', 'item', 'number', 'ticket', 'task', '#', 'номер', 'задача', 'заявка'],
  item_id: ['item_id', 'item id'],
  date: ['date', 'day', 'дата', 'день'],
  started_at: ['started_at', 'start', 'started', 'начало'],
  hours: ['hours', 'hrs', 'h', 'часы', 'часов'],
  minutes: ['minutes', 'mins', 'min', 'минуты', 'минут'],
  user_email: ['user_email', 'email', 'e-mail', 'user', 'почта'],
  billable: ['billable', 'оплачиваемое'],
  note: ['note', 'notes', 'description', 'comment', 'комментарий', 'описание'],
};

/** A first mapping of fields to `columns` by their names; fields without a likely column are left out. */
export function guessMapping(columns: string[]): Partial<Record<ImportField, string>> {
  const mapping: Partial<Record<ImportField, string>> = {};
  const taken = new Set<string>();
  for (const field of IMPORT_FIELDS) {
    const column = columns.find((name) => !taken.has(name) && NAMES[field].includes(name.toLowerCase()));
    if (column !== undefined) {
      mapping[field] = column;
      taken.add(column);
    }
  }
  return mapping;
}

/** What the mapping still lacks: an item, a length and a day (null when it is complete). */
export function missingField(mapping: Partial<Record<ImportField, string>>): 'item' | 'length' | 'day' | null {
  if (!mapping.item_number && !mapping.item_id) return 'item';
  if (!mapping.hours && !mapping.minutes) return 'length';
  if (!mapping.date && !mapping.started_at) return 'day';
  return null;
}
