import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useWorkspace } from '../../data/workspace';
import { describeError } from '../../describeError';
import type { Item } from '../../model';
import { navigate } from '../../router';
import { Alert } from '../ui/Alert';
import { Dialog } from '../ui/Dialog';

/** Creates a ticket, task or custom item (in the scope's project by default) and opens it. */
export function NewItemDialog({ typeKey, onClose }: { typeKey: string; onClose: () => void }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const scopeProject = ws.scope.kind === 'project' ? ws.scope.id : ws.scope.kind === 'folder' ? ws.scope.projectId : null;
  const [type, setType] = useState(typeKey);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [project, setProject] = useState(scopeProject === null ? '' : String(scopeProject));
  const [priority, setPriority] = useState(0);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const types = ws.types.filter((candidate) => (candidate.key === 'ticket' ? ws.modules.tickets : ws.modules.tasks));

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (title.trim() === '') return;
    setPending(true);
    setError(null);
    try {
      const item = await api.post<Item>('/items', {
        type,
        title,
        description,
        priority,
        project_id: project === '' ? null : Number(project),
        folder_id: ws.scope.kind === 'folder' ? ws.scope.id : null,
      });
      onClose();
      navigate(item.url);
    } catch (err) {
      setError(err);
      setPending(false);
    }
  }

  const typeName = ws.types.find((candidate) => candidate.key === type)?.name ?? type;
  return (
    <Dialog title={t('newItem.title', { type: typeName })} onClose={onClose}>
      <form className="form" onSubmit={submit}>
        <Alert message={error === null ? null : describeError(t, error)} />
        <div className="form-row">
          <label className="form-field">
            <span>{t('newItem.type')}</span>
            <select value={type} onChange={(e) => setType(e.target.value)}>
              {types.map((candidate) => (
                <option key={candidate.key} value={candidate.key}>
                  {candidate.name}
                </option>
              ))}
            </select>
          </label>
          <label className="form-field">
            <span>{t('items.columns.priority')}</span>
            <select value={priority} onChange={(e) => setPriority(Number(e.target.value))}>
              {[0, 1, 2, 3, 4, 5].map((p) => (
                <option key={p} value={p}>
                  {p === 0 ? t('items.noPriority') : t(`items.priorities.${p}` as 'items.priorities.1')}
                </option>
              ))}
            </select>
          </label>
        </div>
        <label className="form-field">
          <span>{t('item.title')}</span>
          <input value={title} onChange={(e) => setTitle(e.target.value)} required autoFocus maxLength={500} />
        </label>
        <label className="form-field">
          <span>{t('newItem.description')}</span>
          <textarea value={description} rows={5} onChange={(e) => setDescription(e.target.value)} />
        </label>
        <label className="form-field">
          <span>{t('items.project')}</span>
          <select value={project} onChange={(e) => setProject(e.target.value)}>
            <option value="">{t('items.noProject')}</option>
            {ws.projects.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <div className="dialog-actions">
          <button type="button" className="button button-ghost" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={pending}>
            {t('newItem.create', { type: typeName })}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
