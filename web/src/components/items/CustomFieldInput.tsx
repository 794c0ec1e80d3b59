import { useTranslation } from 'react-i18next';
import { useWorkspace } from '../../data/workspace';
import type { CustomField } from '../../model';

interface CustomFieldInputProps {
  field: CustomField;
  value: unknown;
  /** Saves the field's new value; null clears it. */
  onSave: (value: unknown) => void;
}

/** A labelled editor for one custom field of an item, fitting its kind. */
export function CustomFieldInput({ field, value, onSave }: CustomFieldInputProps) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const text = value === null || value === undefined ? '' : String(value);
  const label = <span className="prop-label">{field.name}</span>;
  switch (field.kind) {
    case 'checkbox':
      return (
        <label className="prop check">
          <input type="checkbox" checked={value === true} onChange={(e) => onSave(e.target.checked)} />
          {field.name}
        </label>
      );
    case 'choice':
    case 'user':
      return (
        <label className="prop">
          {label}
          <select
            value={text}
            onChange={(e) => onSave(e.target.value === '' ? null : field.kind === 'user' ? Number(e.target.value) : e.target.value)}
          >
            <option value="">{t('common.none')}</option>
            {field.kind === 'user'
              ? ws.users.map((user) => (
                  <option key={user.id} value={user.id}>
                    {user.name}
                  </option>
                ))
              : field.choices.map((choice) => (
                  <option key={choice} value={choice}>
                    {choice}
                  </option>
                ))}
          </select>
        </label>
      );
    case 'multi_choice': {
      const chosen = Array.isArray(value) ? value.map(String) : [];
      return (
        <fieldset className="prop prop-choices">
          <legend className="prop-label">{field.name}</legend>
          {field.choices.map((choice) => (
            <label key={choice} className="check">
              <input
                type="checkbox"
                checked={chosen.includes(choice)}
                onChange={(e) => onSave(e.target.checked ? [...chosen, choice] : chosen.filter((c) => c !== choice))}
              />
              {choice}
            </label>
          ))}
        </fieldset>
      );
    }
    default:
      return (
        <label className="prop">
          {label}
          <input
            type={field.kind === 'number' ? 'number' : field.kind === 'date' ? 'date' : 'text'}
            defaultValue={text}
            key={text}
            onBlur={(e) => {
              if (e.target.value === text) return;
              if (e.target.value === '') onSave(null);
              else onSave(field.kind === 'number' ? Number(e.target.value) : e.target.value);
            }}
          />
        </label>
      );
  }
}
