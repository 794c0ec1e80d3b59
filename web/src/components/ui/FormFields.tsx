import type { InputHTMLAttributes, ReactNode } from 'react';

/** A labelled control of a dialog form: the label text above whatever control `children` is. */
export function FormField({ label, children, narrow = false }: { label: string; children: ReactNode; narrow?: boolean }) {
  return (
    <label className={narrow ? 'form-field narrow' : 'form-field'}>
      <span>{label}</span>
      {children}
    </label>
  );
}

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'> & {
  label: string;
  value: string;
  onChange: (value: string) => void;
};

/** A labelled input of a dialog form; every other prop goes to the <input>. */
export function TextField({ label, value, onChange, ...input }: TextFieldProps) {
  return (
    <FormField label={label}>
      <input value={value} onChange={(e) => onChange(e.target.value)} {...input} />
    </FormField>
  );
}

/** One choice of a SelectField. */
export interface Choice {
  value: string | number;
  label: string;
}

interface SelectFieldProps {
  label: string;
  value: string | number;
  onChange: (value: string) => void;
  choices: readonly Choice[];
  /** The label of an empty first choice (value ''), when nothing is a valid answer. */
  none?: string;
  narrow?: boolean;
}

/** A labelled <select> of a dialog form. */
export function SelectField({ label, value, onChange, choices, none, narrow = false }: SelectFieldProps) {
  return (
    <FormField label={label} narrow={narrow}>
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {none !== undefined && <option value="">{none}</option>}
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </FormField>
  );
}

/** Records with a name as choices of a SelectField. */
export const namedChoices = (rows: readonly { id: number; name: string }[]): Choice[] =>
  rows.map((row) => ({ value: row.id, label: row.name }));

interface CheckListProps {
  legend: string;
  rows: readonly { id: number; name: string }[];
  chosen: number[];
  onChange: (ids: number[]) => void;
  className?: string;
}

/** A fieldset of checkboxes, one per record: the ids ticked are `chosen`. */
export function CheckList({ legend, rows, chosen, onChange, className }: CheckListProps) {
  return (
    <fieldset className={className ? `fieldset ${className}` : 'fieldset'}>
      <legend>{legend}</legend>
      {rows.map((row) => (
        <label key={row.id} className="check">
          <input
            type="checkbox"
            checked={chosen.includes(row.id)}
            onChange={(e) => onChange(e.target.checked ? [...chosen, row.id] : chosen.filter((id) => id !== row.id))}
          />
          {row.name}
        </label>
      ))}
    </fieldset>
  );
}
