import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useWorkspace } from '../../data/workspace';
import { describeError } from '../../describeError';
import type { CustomField, ItemType, Modules, PortalSettings, State } from '../../model';
import { Alert } from '../ui/Alert';
import { Icon } from '../ui/Icon';
import { AdminPage } from './AdminPage';
import { FormDialog } from './FormDialog';
import { Tabs } from './Tabs';
import { useList } from './useList';

type Section = 'modules' | 'types' | 'fields' | 'portal';
const MODULES: (keyof Modules)[] = ['tickets', 'tasks', 'timesheets', 'knowledge_base', 'messenger', 'portal', 'web_forms'];
const STATES: State[] = ['not_started', 'in_progress', 'finished'];
const FIELD_KINDS = ['text', 'number', 'date', 'choice', 'multi_choice', 'checkbox', 'user'] as const;
const VISIBILITY = ['requested', 'followed', 'organization', 'followed_projects', 'unpublished'] as const;
const PORTAL_SWITCHES = ['require_login', 'allow_registration', 'customers_pick_project', 'auto_create_organizations', 'auto_create_intake_projects'] as const;

/** Admin: module switches, item types and their statuses, custom fields and the portal's settings. */
export default function AdminApp() {
  const { t } = useTranslation();
  const [section, setSection] = useState<Section>('modules');
  return (
    <AdminPage title={t('apps.admin.title')}>
      <Tabs<Section>
        label={t('apps.admin.title')}
        current={section}
        onSelect={setSection}
        tabs={[
          { id: 'modules', label: t('admin.modules') },
          { id: 'types', label: t('admin.types') },
          { id: 'fields', label: t('admin.fields') },
          { id: 'portal', label: t('admin.portal') },
        ]}
      />
      {section === 'modules' && <ModuleSwitches />}
      {section === 'types' && <ItemTypes />}
      {section === 'fields' && <CustomFields />}
      {section === 'portal' && <Portal />}
    </AdminPage>
  );
}

function useAction() {
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  async function run(action: () => Promise<unknown>) {
    setError(null);
    setSaved(false);
    try {
      await action();
      setSaved(true);
    } catch (err) {
      setError(err);
    }
  }
  return { error, saved, run };
}

function Feedback({ error, saved }: { error: unknown; saved: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <Alert message={error === null ? null : describeError(t, error)} />
      {saved && (
        <p className="notice" role="status">
          {t('common.saved')}
        </p>
      )}
    </>
  );
}

function ModuleSwitches() {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const { error, saved, run } = useAction();
  // Shown at once and put right by the workspace reload when the server refuses.
  const [modules, setModules] = useState(ws.modules);
  useEffect(() => setModules(ws.modules), [ws.modules]);
  function toggle(name: keyof Modules, on: boolean) {
    setModules({ ...modules, [name]: on });
    void run(() => api.put('/settings/modules', { [name]: on }).finally(ws.reload));
  }
  return (
    <section className="settings-card" aria-label={t('admin.modules')}>
      <p className="muted">{t('admin.modulesHint')}</p>
      <Feedback error={error} saved={saved} />
      <ul className="switch-list">
        {MODULES.map((name) => (
          <li key={name}>
            <label className="switch">
              <input
                type="checkbox"
                role="switch"
                checked={modules[name]}
                onChange={(e) => toggle(name, e.target.checked)}
              />
              <span className="switch-track" aria-hidden="true" />
              <span>{t(`admin.moduleNames.${name}`)}</span>
            </label>
          </li>
        ))}
      </ul>
    </section>
  );
}

function ItemTypes() {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const { error, saved, run } = useAction();
  const [addingStatus, setAddingStatus] = useState<ItemType | null>(null);
  const [addingType, setAddingType] = useState(false);
  return (
    <>
      <div className="table-toolbar">
        <button type="button" className="button button-secondary button-small" onClick={() => setAddingType(true)}>
          <Icon name="plus" size={14} />
          {t('admin.newType')}
        </button>
      </div>
      <Feedback error={error} saved={saved} />
      <div className="type-grid">
        {ws.types.map((type) => (
          <section key={type.id} className="settings-card" aria-label={type.name}>
            <h3>
              {type.name} <code>{type.key}</code>
            </h3>
            <ol className="status-list">
              {type.statuses.map((status) => (
                <li key={status.id} style={{ ['--status' as string]: status.color }}>
                  <span className="status-dot" aria-hidden="true" />
                  <span className="status-name">{status.name}</span>
                  <span className="muted">{t(`admin.states.${status.state}`)}</span>
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={t('admin.deleteStatus', { name: status.name })}
                    onClick={() => void run(() => api.del(`/statuses/${status.id}`).then(ws.reload))}
                  >
                    <Icon name="trash" size={14} />
                  </button>
                </li>
              ))}
            </ol>
            <button type="button" className="button button-ghost button-small" onClick={() => setAddingStatus(type)}>
              <Icon name="plus" size={14} />
              {t('admin.addStatus')}
            </button>
          </section>
        ))}
      </div>
      {addingStatus && <NewStatus type={addingStatus} onClose={() => setAddingStatus(null)} />}
      {addingType && <NewType onClose={() => setAddingType(false)} />}
    </>
  );
}

function NewStatus({ type, onClose }: { type: ItemType; onClose: () => void }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const [name, setName] = useState('');
  const [color, setColor] = useState('#5b5bd6');
  const [state, setState] = useState<State>('in_progress');
  return (
    <FormDialog
      title={t('admin.addStatusTo', { type: type.name })}
      submitLabel={t('common.create')}
      onClose={onClose}
      onSubmit={async () => {
        await api.post('/statuses', { type_id: type.id, name, color, state });
        ws.reload();
      }}
    >
      <label className="form-field">
        <span>{t('common.name')}</span>
        <input value={name} onChange={(e) => setName(e.target.value)} required autoFocus />
      </label>
      <div className="form-row">
        <label className="form-field">
          <span>{t('admin.color')}</span>
          <input type="color" value={color} onChange={(e) => setColor(e.target.value)} />
        </label>
        <label className="form-field">
          <span>{t('admin.state')}</span>
          <select value={state} onChange={(e) => setState(e.target.value as State)}>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {t(`admin.states.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
    </FormDialog>
  );
}

function NewType({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const [name, setName] = useState('');
  const [key, setKey] = useState('');
  return (
    <FormDialog
      title={t('admin.newType')}
      submitLabel={t('common.create')}
      onClose={onClose}
      onSubmit={async () => {
        await api.post('/item-types', { key, name });
        ws.reload();
      }}
    >
      <label className="form-field">
        <span>{t('common.name')}</span>
        <input value={name} onChange={(e) => setName(e.target.value)} required autoFocus />
      </label>
      <label className="form-field">
        <span>{t('admin.key')}</span>
        <input value={key} pattern="[a-z][a-z0-9_]{0,31}" placeholder="bug" onChange={(e) => setKey(e.target.value)} required />
      </label>
    </FormDialog>
  );
}

function CustomFields() {
  const { t } = useTranslation();
  const fields = useList<CustomField>('/custom-fields');
  const { error, saved, run } = useAction();
  const [adding, setAdding] = useState(false);
  return (
    <>
      <div className="table-toolbar">
        <button type="button" className="button button-secondary button-small" onClick={() => setAdding(true)}>
          <Icon name="plus" size={14} />
          {t('admin.newField')}
        </button>
      </div>
      <Feedback error={error} saved={saved} />
      <table className="table">
        <thead>
          <tr>
            <th>{t('common.name')}</th>
            <th>{t('admin.key')}</th>
            <th>{t('admin.scope')}</th>
            <th>{t('admin.kind')}</th>
            <th>{t('admin.choices')}</th>
            <th>{t('common.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {fields.rows?.length === 0 && (
            <tr>
              <td colSpan={6} className="muted">
                {t('admin.noFields')}
              </td>
            </tr>
          )}
          {fields.rows?.map((field) => (
            <tr key={field.id}>
              <td>
                <strong>{field.name}</strong>
                {field.required && <span className="tag">{t('admin.required')}</span>}
              </td>
              <td>
                <code>{field.key}</code>
              </td>
              <td>{t(`admin.scopes.${field.scope}`)}</td>
              <td>{t(`admin.kinds.${field.kind}` as 'admin.kinds.text', { defaultValue: field.kind })}</td>
              <td>{field.choices.join(', ') || '—'}</td>
              <td className="row-actions">
                <button
                  type="button"
                  className="icon-button"
                  aria-label={t('admin.deleteField', { name: field.name })}
                  onClick={() => void run(() => api.del(`/custom-fields/${field.id}`).then(fields.reload))}
                >
                  <Icon name="trash" size={16} />
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {adding && <NewField onClose={() => setAdding(false)} onDone={fields.reload} />}
    </>
  );
}

function NewField({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [key, setKey] = useState('');
  const [scope, setScope] = useState<'item' | 'project'>('item');
  const [kind, setKind] = useState<string>('text');
  const [choices, setChoices] = useState('');
  const [required, setRequired] = useState(false);
  const hasChoices = kind === 'choice' || kind === 'multi_choice';
  return (
    <FormDialog
      title={t('admin.newField')}
      submitLabel={t('common.create')}
      onClose={onClose}
      onSubmit={async () => {
        await api.post('/custom-fields', {
          name,
          key,
          scope,
          kind,
          required,
          ...(hasChoices ? { choices: choices.split(',').map((c) => c.trim()).filter(Boolean) } : {}),
        });
        onDone();
      }}
    >
      <div className="form-row">
        <label className="form-field">
          <span>{t('common.name')}</span>
          <input value={name} onChange={(e) => setName(e.target.value)} required autoFocus />
        </label>
        <label className="form-field">
          <span>{t('admin.key')}</span>
          <input value={key} pattern="[a-z][a-z0-9_]{0,63}" onChange={(e) => setKey(e.target.value)} required />
        </label>
      </div>
      <div className="form-row">
        <label className="form-field">
          <span>{t('admin.scope')}</span>
          <select value={scope} onChange={(e) => setScope(e.target.value === 'project' ? 'project' : 'item')}>
            <option value="item">{t('admin.scopes.item')}</option>
            <option value="project">{t('admin.scopes.project')}</option>
          </select>
        </label>
        <label className="form-field">
          <span>{t('admin.kind')}</span>
          <select value={kind} onChange={(e) => setKind(e.target.value)}>
            {FIELD_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`admin.kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {hasChoices && (
        <label className="form-field">
          <span>{t('admin.choices')}</span>
          <input value={choices} placeholder="Gold, Silver, Bronze" onChange={(e) => setChoices(e.target.value)} required />
        </label>
      )}
      <label className="check">
        <input type="checkbox" checked={required} onChange={(e) => setRequired(e.target.checked)} />
        {t('admin.required')}
      </label>
    </FormDialog>
  );
}

function Portal() {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const [settings, setSettings] = useState<PortalSettings | null>(null);
  const { error, saved, run } = useAction();
  const [loadError, setLoadError] = useState<unknown>(null);
  useEffect(() => {
    api.get<PortalSettings>('/settings/portal').then(setSettings, setLoadError);
  }, []);
  if (settings === null) return <Feedback error={loadError} saved={false} />;
  const save = () => run(() => api.put<PortalSettings>('/settings/portal', settings).then(setSettings));
  return (
    <section className="settings-card" aria-label={t('admin.portal')}>
      <Feedback error={error} saved={saved} />
      <h3>{t('admin.portalAccess')}</h3>
      <ul className="switch-list">
        {PORTAL_SWITCHES.map((name) => (
          <li key={name}>
            <label className="check">
              <input type="checkbox" checked={settings[name]} onChange={(e) => setSettings({ ...settings, [name]: e.target.checked })} />
              {t(`admin.portalSwitches.${name}`)}
            </label>
          </li>
        ))}
      </ul>
      <h3>{t('admin.portalVisibility')}</h3>
      <ul className="switch-list">
        {VISIBILITY.map((name) => (
          <li key={name}>
            <label className="check">
              <input
                type="checkbox"
                checked={settings.visibility[name] ?? false}
                onChange={(e) => setSettings({ ...settings, visibility: { ...settings.visibility, [name]: e.target.checked } })}
              />
              {t(`admin.visibility.${name}`)}
            </label>
          </li>
        ))}
      </ul>
      <label className="form-field narrow">
        <span>{t('admin.defaultProject')}</span>
        <select
          value={settings.default_project_id ?? ''}
          onChange={(e) => setSettings({ ...settings, default_project_id: e.target.value === '' ? null : Number(e.target.value) })}
        >
          <option value="">{t('common.none')}</option>
          {ws.projects.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <div className="dialog-actions">
        <button type="button" className="button button-primary" onClick={() => void save()}>
          {t('common.save')}
        </button>
      </div>
    </section>
  );
}
