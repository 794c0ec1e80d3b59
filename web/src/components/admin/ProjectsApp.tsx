import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useWorkspace } from '../../data/workspace';
import { describeError } from '../../describeError';
import type { JoinRequest, Portfolio, Project, ProjectMember, ProjectTeam } from '../../model';
import { useAction } from '../../hooks/useAction';
import { Alert } from '../ui/Alert';
import { DataTable, RowLink, removeColumn } from '../ui/DataTable';
import { Dialog } from '../ui/Dialog';
import { FormField, SelectField, TextField, namedChoices } from '../ui/FormFields';
import { Icon } from '../ui/Icon';
import { AdminPage } from './AdminPage';
import { FormDialog } from './FormDialog';
import { ProjectFollowers } from './ProjectFollowers';
import { Tabs } from './Tabs';
import { useAddRequests } from './useAddRequests';
import { useList } from './useList';

const ROLES = ['manager', 'lead', 'standard', 'restricted'] as const;
type Section = 'projects' | 'portfolios' | 'requests';

/** The Projects app: projects (create, archive, members and roles), portfolios and join requests to decide. */
export default function ProjectsApp({ addRequests }: { addRequests: number }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const [section, setSection] = useState<Section>('projects');
  const [archived, setArchived] = useState(false);
  const [creating, setCreating] = useState<'project' | 'portfolio' | null>(null);
  const [openProject, setOpenProject] = useState<Project | null>(null);
  const projects = useList<Project>(`/projects?archived=${archived}`);
  const requests = useJoinRequests(projects.rows);
  const pending = requests.rows?.filter((r) => r.state === 'pending') ?? [];
  const { error, run } = useAction();
  useAddRequests(addRequests, () => setCreating(section === 'portfolios' ? 'portfolio' : 'project'));

  const decide = (request: JoinRequest, verdict: 'approve' | 'deny') =>
    run(() => api.post(`/projects/${request.project_id}/join-requests/${request.id}/${verdict}`, {}), requests.reload);

  const portfolioName = (id: number) => ws.portfolios.find((p) => p.id === id)?.name ?? `#${id}`;
  return (
    <AdminPage
      title={t('apps.projects.title')}
      actions={
        <>
          <button type="button" className="button button-secondary button-small" onClick={() => setCreating('portfolio')}>
            <Icon name="layers" size={16} />
            {t('projects.newPortfolio')}
          </button>
          <button type="button" className="button button-primary button-small" onClick={() => setCreating('project')}>
            <Icon name="plus" size={16} />
            {t('add.projects')}
          </button>
        </>
      }
    >
      <Tabs<Section>
        label={t('apps.projects.title')}
        current={section}
        onSelect={setSection}
        tabs={[
          { id: 'projects', label: t('projects.projects') },
          { id: 'portfolios', label: t('projects.portfolios') },
          { id: 'requests', label: <>{t('projects.joinRequests')} {pending.length > 0 && <span className="count">{pending.length}</span>}</> },
        ]}
      />
      {error !== null && <Alert message={describeError(t, error)} />}
      {section === 'projects' && (
        <>
          <label className="check table-toolbar">
            <input type="checkbox" checked={archived} onChange={(e) => setArchived(e.target.checked)} />
            {t('projects.showArchived')}
          </label>
          <DataTable
            rows={projects.rows}
            rowKey={(project) => project.id}
            columns={[
              {
                header: t('common.name'),
                cell: (project) => (
                  <>
                    <RowLink onClick={() => setOpenProject(project)}>{project.name}</RowLink>
                    {project.description && <div className="cell-sub">{project.description}</div>}
                  </>
                ),
              },
              { header: t('projects.portfolios'), cell: (project) => project.portfolio_ids.map(portfolioName).join(', ') || '—' },
              {
                header: t('projects.myRole'),
                cell: (project) => (project.my_role ? t(`projects.roles.${project.my_role}` as 'projects.roles.manager') : '—'),
              },
              { header: t('projects.visibility'), cell: (project) => (project.private ? t('projects.private') : t('projects.public')) },
            ]}
          />
        </>
      )}
      {section === 'portfolios' && <Portfolios />}
      {section === 'requests' && (
        <DataTable
          rows={requests.rows}
          rowKey={(request) => request.id}
          empty={t('projects.noRequests')}
          columns={[
            { header: t('projects.requester'), cell: (request) => request.user_name },
            { header: t('projects.project'), cell: (request) => request.project_name },
            { header: t('projects.message'), cell: (request) => request.message || '—' },
            { header: t('projects.state'), cell: (request) => t(`projects.states.${request.state}`) },
            {
              header: t('common.actions'),
              className: 'row-actions',
              cell: (request) =>
                request.state === 'pending' && (
                  <>
                    <button type="button" className="button button-primary button-small" onClick={() => void decide(request, 'approve')}>
                      {t('projects.approve')}
                    </button>
                    <button type="button" className="button button-secondary button-small" onClick={() => void decide(request, 'deny')}>
                      {t('projects.deny')}
                    </button>
                  </>
                ),
            },
          ]}
        />
      )}
      {creating === 'project' && <NewProject onClose={() => setCreating(null)} onDone={() => { projects.reload(); ws.reload(); }} />}
      {creating === 'portfolio' && <NewPortfolio onClose={() => setCreating(null)} />}
      {openProject && (
        <ProjectDialog
          project={openProject}
          onClose={() => setOpenProject(null)}
          onChanged={() => {
            projects.reload();
            ws.reload();
          }}
        />
      )}
    </AdminPage>
  );
}

/**
 * The join requests the user decides: those of every project they manage (all projects for admins), newest
 * first; the server answers per project.
 */
function useJoinRequests(projects: Project[] | null): { rows: JoinRequest[] | null; reload: () => void } {
  const ws = useWorkspace();
  const [rows, setRows] = useState<JoinRequest[] | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (projects === null) return;
    const managed = projects.filter((p) => ws.me.role === 'admin' || p.my_role === 'manager');
    let current = true;
    Promise.all(managed.map((p) => api.get<{ data: JoinRequest[] }>(`/projects/${p.id}/join-requests`).then((page) => page.data, () => [])))
      .then((lists) => {
        if (current) setRows(lists.flat().sort((a, b) => b.id - a.id));
      })
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [projects, ws.me.role, version]);
  return { rows, reload: useCallback(() => setVersion((n) => n + 1), []) };
}

function NewProject({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [isPrivate, setPrivate] = useState(false);
  return (
    <FormDialog
      title={t('add.projects')}
      submitLabel={t('common.create')}
      onClose={onClose}
      onSubmit={async () => {
        await api.post('/projects', { name, description, private: isPrivate });
        onDone();
      }}
    >
      <TextField label={t('common.name')} value={name} onChange={setName} required autoFocus />
      <FormField label={t('common.description')}>
        <textarea value={description} rows={3} onChange={(e) => setDescription(e.target.value)} />
      </FormField>
      <label className="check">
        <input type="checkbox" checked={isPrivate} onChange={(e) => setPrivate(e.target.checked)} />
        {t('projects.privateHint')}
      </label>
    </FormDialog>
  );
}

function NewPortfolio({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const [name, setName] = useState('');
  const [parent, setParent] = useState('');
  return (
    <FormDialog
      title={t('projects.newPortfolio')}
      submitLabel={t('common.create')}
      onClose={onClose}
      onSubmit={async () => {
        await api.post('/portfolios', { name, parent_id: parent === '' ? null : Number(parent) });
        ws.reload();
      }}
    >
      <TextField label={t('common.name')} value={name} onChange={setName} required autoFocus />
      <SelectField
        label={t('projects.parentPortfolio')}
        value={parent}
        onChange={setParent}
        none={t('common.none')}
        choices={namedChoices(ws.portfolios)}
      />
    </FormDialog>
  );
}

function Portfolios() {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const action = useAction();
  const [adding, setAdding] = useState<Record<number, string>>({});
  const run = (change: () => Promise<unknown>) => action.run(change, ws.reload);

  const render = (portfolio: Portfolio, depth: number): React.ReactNode => (
    <li key={portfolio.id} style={{ marginLeft: depth * 20 }} className="portfolio">
      <div className="portfolio-head">
        <Icon name="layers" size={16} />
        <strong>{portfolio.name}</strong>
        <span className="count">{portfolio.project_ids.length}</span>
      </div>
      <ul className="portfolio-projects">
        {portfolio.project_ids.map((id) => (
          <li key={id} className="chip">
            {ws.projectById.get(id)?.name ?? `#${id}`}
            <button
              type="button"
              className="chip-remove"
              aria-label={t('projects.removeFromPortfolio', { name: ws.projectById.get(id)?.name ?? id })}
              onClick={() => void run(() => api.del(`/portfolios/${portfolio.id}/projects/${id}`))}
            >
              <Icon name="close" size={12} />
            </button>
          </li>
        ))}
        <li>
          <select
            className="chip-add"
            aria-label={t('projects.addToPortfolio', { name: portfolio.name })}
            value={adding[portfolio.id] ?? ''}
            onChange={(e) => {
              const id = e.target.value;
              setAdding({ ...adding, [portfolio.id]: '' });
              if (id !== '') void run(() => api.put(`/portfolios/${portfolio.id}/projects/${id}`, {}));
            }}
          >
            <option value="">{t('items.add')}</option>
            {ws.projects
              .filter((p) => !portfolio.project_ids.includes(p.id))
              .map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
          </select>
        </li>
      </ul>
      <ul className="portfolio-children">{ws.portfolios.filter((p) => p.parent_id === portfolio.id).map((p) => render(p, 1))}</ul>
    </li>
  );

  return (
    <>
      {action.error !== null && <Alert message={describeError(t, action.error)} />}
      {ws.portfolios.length === 0 ? (
        <p className="muted">{t('projects.noPortfolios')}</p>
      ) : (
        <ul className="portfolio-list">{ws.portfolios.filter((p) => p.parent_id === null).map((p) => render(p, 0))}</ul>
      )}
    </>
  );
}

function ProjectDialog({ project, onClose, onChanged }: { project: Project; onClose: () => void; onChanged: () => void }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const members = useList<ProjectMember>(`/projects/${project.id}/members`);
  const teams = useList<ProjectTeam>(`/projects/${project.id}/teams`);
  const [name, setName] = useState(project.name);
  const [description, setDescription] = useState(project.description);
  const { error, run } = useAction();
  const save = (fields: Record<string, unknown>) => run(() => api.patch(`/projects/${project.id}`, fields), onChanged);
  const base = `/projects/${project.id}`;

  return (
    <Dialog
      title={project.name}
      onClose={onClose}
      wide
      actions={
        <>
          <button type="button" className="button button-secondary" onClick={() => void save({ archived: !project.archived }).then(onClose)}>
            {project.archived ? t('projects.unarchive') : t('projects.archive')}
          </button>
          <button type="button" className="button button-primary" onClick={() => void save({ name, description }).then(onClose)}>
            {t('common.save')}
          </button>
        </>
      }
    >
      <div className="form">
        <Alert message={error === null ? null : describeError(t, error)} />
        <TextField label={t('common.name')} value={name} onChange={setName} />
        <FormField label={t('common.description')}>
          <textarea value={description} rows={2} onChange={(e) => setDescription(e.target.value)} />
        </FormField>
        <h3 className="section-title">{t('projects.members')}</h3>
        <RoleTable
          rows={members.rows?.map((m) => ({ id: m.user_id, name: m.name, role: m.role })) ?? []}
          candidates={ws.users}
          addLabel={t('projects.newMember')}
          addButton={t('projects.addMember')}
          onRole={(id, role) => run(() => api.put(`${base}/members/${id}`, { role }), members.reload)}
          onRemove={(id) => run(() => api.del(`${base}/members/${id}`), members.reload)}
        />
        <h3 className="section-title">{t('projects.teams')}</h3>
        <RoleTable
          rows={teams.rows?.map((team) => ({ id: team.team_id, name: team.name, role: team.role })) ?? []}
          candidates={ws.teams}
          addLabel={t('projects.newTeam')}
          addButton={t('projects.addTeam')}
          onRole={(id, role) => run(() => api.put(`${base}/teams/${id}`, { role }), teams.reload)}
          onRemove={(id) => run(() => api.del(`${base}/teams/${id}`), teams.reload)}
        />
        <ProjectFollowers projectId={project.id} />
      </div>
    </Dialog>
  );
}

interface RoleTableProps {
  /** Who has a role in the project now. */
  rows: { id: number; name: string; role: string }[];
  /** Who may be added (those already in `rows` are left out). */
  candidates: { id: number; name: string }[];
  addLabel: string;
  addButton: string;
  onRole: (id: number, role: string) => Promise<void>;
  onRemove: (id: number) => Promise<void>;
}

/** Users or teams with their project role: change it, remove them, or add one more with a role. */
function RoleTable({ rows, candidates, addLabel, addButton, onRole, onRemove }: RoleTableProps) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState('');
  const [role, setRole] = useState<string>('standard');
  const roleSelect = (value: string, label: string, onChange: (role: string) => void) => (
    <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
      {ROLES.map((r) => (
        <option key={r} value={r}>
          {t(`projects.roles.${r}`)}
        </option>
      ))}
    </select>
  );
  return (
    <>
      {rows.length > 0 && (
        <DataTable
          compact
          rows={rows}
          rowKey={(row) => row.id}
          columns={[
            { header: t('common.name'), cell: (row) => row.name },
            { header: t('projects.role'), cell: (row) => roleSelect(row.role, t('projects.roleOf', { name: row.name }), (r) => void onRole(row.id, r)) },
            removeColumn<RoleTableProps['rows'][number]>(
              t('common.actions'),
              (row) => t('projects.removeMember', { name: row.name }),
              (row) => void onRemove(row.id),
            ),
          ]}
        />
      )}
      <div className="inline-form">
        <select aria-label={addLabel} value={adding} onChange={(e) => setAdding(e.target.value)}>
          <option value="">{addLabel}</option>
          {candidates
            .filter((c) => !rows.some((row) => row.id === c.id))
            .map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
        </select>
        {roleSelect(role, t('projects.role'), setRole)}
        <button
          type="button"
          className="button button-secondary button-small"
          disabled={adding === ''}
          onClick={() => void onRole(Number(adding), role).then(() => setAdding(''))}
        >
          {addButton}
        </button>
      </div>
    </>
  );
}
