import { useId, type InputHTMLAttributes, type ReactNode } from 'react';

type FieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> & {
  label: string;
  /** Content shown inside the right edge of the input, such as a show-password button. */
  trailing?: ReactNode;
};

/** A labelled text input; every other prop goes to the <input>. */
export function Field({ label, trailing, ...input }: FieldProps) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className={trailing ? 'input-wrap has-trailing' : 'input-wrap'}>
        <input id={id} {...input} />
        {trailing}
      </div>
    </div>
  );
}
