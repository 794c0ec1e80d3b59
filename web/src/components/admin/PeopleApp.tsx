import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type AppLevel, type User } from '../../api';
import { useWorkspace } from '../../data/workspace';
import { describeError } from '../../describeError';
import type { Team } from '../../model';
import { useAction } from '../../hooks/useAction';
import { Alert } from '../ui/Alert';
import { Avatar } from '../ui/Avatar';
import { DataTable } from '../ui/DataTable';
import { CheckList, SelectField, TextField } from '../ui/FormFields';
import { Icon } from '../ui/Icon';
import { AdminPage } from './AdminPage';
import { FormDialog } from './FormDialog';
import { Tabs } from './Tabs';
import { useAddRequests } from './useAddRequests';

type Section = 'users' | 'teams';
const ROLES = ['admin', 'manager', 'agent'] as const;
const LEVEL_APPS = ['tickets', 'tasks', 'projects', 'customers', 'timesheets'] as const;
const LEVELS: AppLevel[] = ['full', 'standard', 'limited'];

/** Users & Teams: invite users, set their role and app levels, and group them into teams. */
export default function PeopleApp({ addRequests }: { addRequests: number }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const isAdmin = ws.me.role === 'admin';
  const [section, setSection] = useState<Section>('users');
  const [creating, setCreating] = useState<Section | null>(null);
  const [editing, setEditing] = useState<User | null>(null);
  const action = useAction();
  useAddRequests(addRequests, () => setCreating(section));
  const run = (change: () => Promise<unknown>) => action.run(change, ws.reload);

  return (
    <AdminPage
      title={t('apps.people.title')}
      actions={
        isAdmin && (
          <button type="button" className="button button-primary button-small" onClick={() => setCreating(section)}>
            <Icon name="plus" size={16} />
            {section === 'users' ? t('add.people') : t('people.newTeam')}
          </button>
        )
      }
    >
      <Tabs<Section>
        label={t('apps.people.title')}
        current={section}
        onSelect={setSection}
        tabs={[
          { id: 'users', label: t('people.users') },
          { id: 'teams', label: t('people.teams') },
        ]}
      />
      {action.error !== null && <Alert message={describeError(t, action.error)} />}
      {section === 'users' ? (
        <DataTable
          rows={ws.users}
          rowKey={(user) => user.id}
          columns={[
            {
              header: t('common.name'),
              cell: (user) => (
                <span className="person">
                  <Avatar name={user.name} size={26} />
                  <strong>{user.name}</strong>
                </span>
              ),
            },
            { header: t('common.email'), cell: (user) => user.email },
            { header: t('people.role'), cell: (user) => t(`people.roles.${user.role}` as 'people.roles.agent', { defaultValue: user.role }) },
            { header: t('people.appLevels'), className: 'levels', cell: (user) => <AppLevels user={user} /> },
            {
              header: t('common.actions'),
              className: 'row-actions',
              hidden: !isAdmin,
              cell: (user) => (
                <button type="button" className="button button-secondary button-small" onClick={() => setEditing(user)}>
                  {t('common.edit')}
                </button>
              ),
            },
          ]}
        />
      ) : (
        <div className="team-grid">
          {ws.teams.map((team) => (
            <TeamCard key={team.id} team={team} editable={isAdmin} run={run} />
          ))}
          {ws.teams.length === 0 && <p className="muted">{t('people.noTeams')}</p>}
        </div>
      )}
      {creating === 'users' && <UserForm onClose={() => setCreating(null)} />}
      {creating === 'teams' && <NewTeam onClose={() => setCreating(null)} />}
      {editing && <UserForm user={editing} onClose={() => setEditing(null)} />}
    </AdminPage>
  );
}

/** The apps where the user is below the full level, or a note that every app is at the full level. */
function AppLevels({ user }: { user: User }) {
  const { t } = useTranslation();
  const reduced = LEVEL_APPS.filter((app) => (user.app_levels?.[app] ?? 'full') !== 'full');
  if (reduced.length === 0) return <span className="muted">{t('people.allFull')}</span>;
  return (
    <>
      {reduced.map((app) => (
        <span key={app} className="tag">
          {t(`people.apps.${app}`)}: {t(`people.levels.${user.app_levels?.[app] ?? 'full'}`)}
        </span>
      ))}
    </>
  );
}

function TeamCard({ team, editable, run }: { team: Team; editable: boolean; run: (action: () => Promise<unknown>) => Promise<void> }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  return (
    <section className="team-card" aria-label={team.name}>
      <h3>
        <Icon name="people" size={16} /> {team.name}
      </h3>
      {team.description && <p className="muted">{team.description}</p>}
      <ul className="chips">
        {team.members.map((member) => (
          <li key={member.user_id} className="chip">
            <Avatar name={member.name} size={18} />
            {member.name}
            {editable && (
              <button
                type="button"
                className="chip-remove"
                aria-label={t('people.removeMember', { name: member.name })}
                onClick={() => void run(() => api.del(`/teams/${team.id}/members/${member.user_id}`))}
              >
                <Icon name="close" size={12} />
              </button>
            )}
          </li>
        ))}
        {editable && (
          <li>
            <select
              className="chip-add"
              value=""
              aria-label={t('people.addMember', { name: team.name })}
              onChange={(e) => e.target.value !== '' && void run(() => api.put(`/teams/${team.id}/members/${e.target.value}`, {}))}
            >
              <option value="">{t('items.add')}</option>
              {ws.users
                .filter((u) => !team.members.some((m) => m.user_id === u.id))
                .map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
            </select>
          </li>
        )}
      </ul>
    </section>
  );
}

function UserForm({ user, onClose }: { user?: User; onClose: () => void }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const [name, setName] = useState(user?.name ?? '');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState(user?.role ?? 'agent');
  const [levels, setLevels] = useState<Record<string, AppLevel>>(
    Object.fromEntries(LEVEL_APPS.map((app) => [app, user?.app_levels?.[app] ?? 'full'])),
  );
  return (
    <FormDialog
      title={user ? user.name : t('add.people')}
      submitLabel={user ? t('common.save') : t('people.invite')}
      onClose={onClose}
      onSubmit={async () => {
        if (user) await api.patch(`/users/${user.id}`, { name, role, app_levels: levels });
        else await api.post('/users', { name, email, password, role, app_levels: levels });
        ws.reload();
      }}
    >
      <TextField label={t('common.name')} value={name} onChange={setName} required autoFocus />
      {!user && (
        <div className="form-row">
          <TextField label={t('common.email')} type="email" value={email} onChange={setEmail} required />
          <TextField
            label={t('people.initialPassword')}
            type="password"
            minLength={8}
            value={password}
            onChange={setPassword}
            required
            autoComplete="new-password"
          />
        </div>
      )}
      <SelectField label={t('people.role')} value={role} onChange={setRole} choices={ROLES.map((r) => ({ value: r, label: t(`people.roles.${r}`) }))} />
      <fieldset className="fieldset">
        <legend>{t('people.appLevels')}</legend>
        <div className="form-row">
          {LEVEL_APPS.map((app) => (
            <SelectField
              key={app}
              label={t(`people.apps.${app}`)}
              value={levels[app] ?? 'full'}
              onChange={(level) => setLevels({ ...levels, [app]: level as AppLevel })}
              choices={LEVELS.map((level) => ({ value: level, label: t(`people.levels.${level}`) }))}
            />
          ))}
        </div>
      </fieldset>
    </FormDialog>
  );
}

function NewTeam({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [members, setMembers] = useState<number[]>([]);
  return (
    <FormDialog
      title={t('people.newTeam')}
      submitLabel={t('common.create')}
      onClose={onClose}
      onSubmit={async () => {
        await api.post('/teams', { name, description, member_ids: members });
        ws.reload();
      }}
    >
      <TextField label={t('common.name')} value={name} onChange={setName} required autoFocus />
      <TextField label={t('common.description')} value={description} onChange={setDescription} />
      <CheckList legend={t('people.members')} rows={ws.users} chosen={members} onChange={setMembers} />
    </FormDialog>
  );
}
