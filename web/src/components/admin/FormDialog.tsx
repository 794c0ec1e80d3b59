import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../describeError';
import { Alert } from '../ui/Alert';
import { Dialog } from '../ui/Dialog';

interface FormDialogProps {
  title: string;
  submitLabel: string;
  /** Sends the form; a rejection is shown in the dialog, success closes it. */
  onSubmit: () => Promise<unknown>;
  onClose: () => void;
  children: ReactNode;
  wide?: boolean;
}

/** A dialog holding a form: shows the server's error in place and closes once `onSubmit` succeeds. */
export function FormDialog({ title, submitLabel, onSubmit, onClose, children, wide = false }: FormDialogProps) {
  const { t } = useTranslation();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setError(null);
    try {
      await onSubmit();
      onClose();
    } catch (err) {
      setError(err);
      setPending(false);
    }
  }
  return (
    <Dialog title={title} onClose={onClose} wide={wide}>
      <form className="form" onSubmit={submit}>
        <Alert message={error === null ? null : describeError(t, error)} />
        {children}
        <div className="dialog-actions">
          <button type="button" className="button button-ghost" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={pending}>
            {submitLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
