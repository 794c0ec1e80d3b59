import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useWorkspace } from '../../data/workspace';
import { describeError } from '../../describeError';
import type { CustomField, ItemType, Modules, PortalSettings, State } from '../../model';
import { useAction } from '../../hooks/useAction';
import { Alert } from '../ui/Alert';
import { DataTable, removeColumn } from '../ui/DataTable';
import { SelectField, TextField, namedChoices } from '../ui/FormFields';
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
      <TextField label={t('common.name')} value={name} onChange={setName} required autoFocus />
      <div className="form-row">
        <TextField label={t('admin.color')} type="color" value={color} onChange={setColor} />
        <SelectField
          label={t('admin.state')}
          value={state}
          onChange={(value) => setState(value as State)}
          choices={STATES.map((s) => ({ value: s, label: t(`admin.states.${s}`) }))}
        />
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
      <TextField label={t('common.name')} value={name} onChange={setName} required autoFocus />
      <TextField label={t('admin.key')} value={key} pattern="[a-z][a-z0-9_]{0,31}" placeholder="bug" onChange={setKey} required />
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
      <DataTable
        rows={fields.rows}
        rowKey={(field) => field.id}
        empty={t('admin.noFields')}
        columns={[
          {
            header: t('common.name'),
            cell: (field) => (
              <>
                <strong>{field.name}</strong>
                {field.required && <span className="tag">{t('admin.required')}</span>}
              </>
            ),
          },
          { header: t('admin.key'), cell: (field) => <code>{field.key}</code> },
          { header: t('admin.scope'), cell: (field) => t(`admin.scopes.${field.scope}`) },
          { header: t('admin.kind'), cell: (field) => t(`admin.kinds.${field.kind}` as 'admin.kinds.text', { defaultValue: field.kind }) },
          { header: t('admin.choices'), cell: (field) => field.choices.join(', ') || '—' },
          removeColumn<CustomField>(
            t('common.actions'),
            (field) => t('admin.deleteField', { name: field.name }),
            (field) => void run(() => api.del(`/custom-fields/${field.id}`).then(fields.reload)),
          ),
        ]}
      />
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
        <TextField label={t('common.name')} value={name} onChange={setName} required autoFocus />
        <TextField label={t('admin.key')} value={key} pattern="[a-z][a-z0-9_]{0,63}" onChange={setKey} required />
      </div>
      <div className="form-row">
        <SelectField
          label={t('admin.scope')}
          value={scope}
          onChange={(value) => setScope(value === 'project' ? 'project' : 'item')}
          choices={[
            { value: 'item', label: t('admin.scopes.item') },
            { value: 'project', label: t('admin.scopes.project') },
          ]}
        />
        <SelectField label={t('admin.kind')} value={kind} onChange={setKind} choices={FIELD_KINDS.map((k) => ({ value: k, label: t(`admin.kinds.${k}`) }))} />
      </div>
      {hasChoices && <TextField label={t('admin.choices')} value={choices} placeholder="Gold, Silver, Bronze" onChange={setChoices} required />}
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
      <SelectField
        narrow
        label={t('admin.defaultProject')}
        value={settings.default_project_id ?? ''}
        onChange={(value) => setSettings({ ...settings, default_project_id: value === '' ? null : Number(value) })}
        none={t('common.none')}
        choices={namedChoices(ws.projects)}
      />
      <div className="dialog-actions">
        <button type="button" className="button button-primary" onClick={() => void save()}>
          {t('common.save')}
        </button>
      </div>
    </section>
  );
}
