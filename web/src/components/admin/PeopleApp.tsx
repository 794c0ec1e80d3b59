import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type AppLevel, type User } from '../../api';
import { useWorkspace } from '../../data/workspace';
import { describeError } from '../../describeError';
import type { Team } from '../../model';
import { Alert } from '../ui/Alert';
import { Avatar } from '../ui/Avatar';
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
  const [error, setError] = useState<unknown>(null);
  useAddRequests(addRequests, () => setCreating(section));

  async function run(action: () => Promise<unknown>) {
    setError(null);
    try {
      await action();
      ws.reload();
    } catch (err) {
      setError(err);
    }
  }

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
      {error !== null && <Alert message={describeError(t, error)} />}
      {section === 'users' ? (
        <table className="table">
          <thead>
            <tr>
              <th>{t('common.name')}</th>
              <th>{t('common.email')}</th>
              <th>{t('people.role')}</th>
              <th>{t('people.appLevels')}</th>
              {isAdmin && <th>{t('common.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {ws.users.map((user) => (
              <tr key={user.id}>
                <td>
                  <span className="person">
                    <Avatar name={user.name} size={26} />
                    <strong>{user.name}</strong>
                  </span>
                </td>
                <td>{user.email}</td>
                <td>{t(`people.roles.${user.role}` as 'people.roles.agent', { defaultValue: user.role })}</td>
                <td className="levels">
                  {LEVEL_APPS.filter((app) => (user.app_levels?.[app] ?? 'full') !== 'full').map((app) => (
                    <span key={app} className="tag">
                      {t(`people.apps.${app}`)}: {t(`people.levels.${user.app_levels?.[app] ?? 'full'}`)}
                    </span>
                  ))}
                  {LEVEL_APPS.every((app) => (user.app_levels?.[app] ?? 'full') === 'full') && <span className="muted">{t('people.allFull')}</span>}
                </td>
                {isAdmin && (
                  <td className="row-actions">
                    <button type="button" className="button button-secondary button-small" onClick={() => setEditing(user)}>
                      {t('common.edit')}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
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
      <label className="form-field">
        <span>{t('common.name')}</span>
        <input value={name} onChange={(e) => setName(e.target.value)} required autoFocus />
      </label>
      {!user && (
        <div className="form-row">
          <label className="form-field">
            <span>{t('common.email')}</span>
            <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
          </label>
          <label className="form-field">
            <span>{t('people.initialPassword')}</span>
            <input type="password" minLength={8} value={password} onChange={(e) => setPassword(e.target.value)} required autoComplete="new-password" />
          </label>
        </div>
      )}
      <label className="form-field">
        <span>{t('people.role')}</span>
        <select value={role} onChange={(e) => setRole(e.target.value)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`people.roles.${r}`)}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="fieldset">
        <legend>{t('people.appLevels')}</legend>
        <div className="form-row">
          {LEVEL_APPS.map((app) => (
            <label key={app} className="form-field">
              <span>{t(`people.apps.${app}`)}</span>
              <select value={levels[app]} onChange={(e) => setLevels({ ...levels, [app]: e.target.value as AppLevel })}>
                {LEVELS.map((level) => (
                  <option key={level} value={level}>
                    {t(`people.levels.${level}`)}
                  </option>
                ))}
              </select>
            </label>
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
      <label className="form-field">
        <span>{t('common.name')}</span>
        <input value={name} onChange={(e) => setName(e.target.value)} required autoFocus />
      </label>
      <label className="form-field">
        <span>{t('common.description')}</span>
        <input value={description} onChange={(e) => setDescription(e.target.value)} />
      </label>
      <fieldset className="fieldset">
        <legend>{t('people.members')}</legend>
        {ws.users.map((u) => (
          <label key={u.id} className="check">
            <input
              type="checkbox"
              checked={members.includes(u.id)}
              onChange={(e) => setMembers(e.target.checked ? [...members, u.id] : members.filter((id) => id !== u.id))}
            />
            {u.name}
          </label>
        ))}
      </fieldset>
    </FormDialog>
  );
}
