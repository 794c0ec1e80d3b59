import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { describeError } from '../../describeError';
import { csvHeader, guessMapping, IMPORT_FIELDS, missingField, type ImportField } from '../../time/importing';
import { Alert } from '../ui/Alert';
import { Dialog } from '../ui/Dialog';

interface ImportReport {
  imported: number;
  failed: number;
  errors: { row: number; field: string; message: string }[];
}

/** Imports timesheets from a CSV file: pick the file, map its columns to fields, then read what was refused. */
export function ImportDialog({ onClose, onImported }: { onClose: () => void; onImported: () => void }) {
  const { t } = useTranslation();
  const [csv, setCsv] = useState<string | null>(null);
  const [columns, setColumns] = useState<string[]>([]);
  const [mapping, setMapping] = useState<Partial<Record<ImportField, string>>>({});
  const [submit, setSubmit] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const missing = csv === null ? null : missingField(mapping);
  const fieldName = (field: string) => {
    const known = IMPORT_FIELDS.find((candidate) => candidate === field);
    return known === undefined ? field : t(`time.import.fields.${known}`);
  };

  async function pick(file: File | undefined) {
    setReport(null);
    setError(null);
    if (file === undefined) return;
    const text = await file.text();
    const header = csvHeader(text);
    setCsv(text);
    setColumns(header);
    setMapping(guessMapping(header));
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (csv === null || missing !== null) return;
    setPending(true);
    setError(null);
    try {
      const result = await api.post<ImportReport>('/timesheets/import', { csv, mapping, submit });
      setReport(result);
      if (result.imported > 0) onImported();
    } catch (err) {
      setError(err);
    } finally {
      setPending(false);
    }
  }

  return (
    <Dialog title={t('time.import.title')} onClose={onClose} wide>
      <form className="form import-form" onSubmit={onSubmit}>
        <Alert message={error === null ? null : describeError(t, error)} />
        <label className="form-field">
          <span>{t('time.import.file')}</span>
          <input type="file" accept=".csv,text/csv" onChange={(e) => void pick(e.target.files?.[0])} />
          <small className="form-hint">{t('time.import.fileHint')}</small>
        </label>
        {csv !== null && (
          <fieldset className="fieldset">
            <legend>{t('time.import.columns')}</legend>
            <div className="import-mapping">
              {IMPORT_FIELDS.map((field) => (
                <label key={field} className="form-field">
                  <span>{t(`time.import.fields.${field}`)}</span>
                  <select
                    aria-label={t(`time.import.fields.${field}`)}
                    value={mapping[field] ?? ''}
                    onChange={(e) => {
                      const next = { ...mapping };
                      if (e.target.value === '') delete next[field];
                      else next[field] = e.target.value;
                      setMapping(next);
                    }}
                  >
                    <option value="">{t('time.import.notInFile')}</option>
                    {columns.map((column) => (
                      <option key={column} value={column}>
                        {column}
                      </option>
                    ))}
                  </select>
                </label>
              ))}
            </div>
            {missing !== null && <p className="form-hint">{t(`time.import.missing.${missing}`)}</p>}
          </fieldset>
        )}
        <label className="check">
          <input type="checkbox" checked={submit} onChange={(e) => setSubmit(e.target.checked)} />
          <span>{t('time.import.submit')}</span>
        </label>
        {report !== null && (
          <div className="import-report" role="status">
            <strong>{t('time.import.result', { imported: report.imported, failed: report.failed })}</strong>
            {report.errors.length > 0 && (
              <ul aria-label={t('time.import.refused')}>
                {report.errors.map((row) => (
                  <li key={`${row.row}-${row.field}`}>{t('time.import.rowError', { row: row.row, field: fieldName(row.field), message: row.message })}</li>
                ))}
              </ul>
            )}
          </div>
        )}
        <div className="dialog-actions">
          <button type="button" className="button button-ghost" onClick={onClose}>
            {report === null ? t('common.cancel') : t('common.close')}
          </button>
          <button type="submit" className="button button-primary" disabled={pending || csv === null || missing !== null || report !== null}>
            {t('time.import.run')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
