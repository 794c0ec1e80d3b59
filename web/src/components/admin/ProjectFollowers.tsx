import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useWorkspace } from '../../data/workspace';
import { describeError } from '../../describeError';
import { useAction } from '../../hooks/useAction';
import type { Customer, Organization, ProjectFollower } from '../../model';
import { Alert } from '../ui/Alert';
import { DataTable, removeColumn } from '../ui/DataTable';
import { useList } from './useList';

type Kind = ProjectFollower['party_kind'];

/** The calls that make a party follow the project and stop it: users follow, customers and organizations are shared with. */
function followCalls(projectId: number, kind: Kind, id: number) {
  if (kind === 'user')
    return {
      add: () => api.put(`/projects/${projectId}/followers/${id}`, {}),
      remove: () => api.del(`/projects/${projectId}/followers/${id}`),
    };
  return {
    add: () => api.post('/projects/share', { project_ids: [projectId], [kind === 'customer' ? 'customer_ids' : 'organization_ids']: [id] }),
    remove: () => api.del(`/projects/${projectId}/shares/${kind}/${id}`),
  };
}

/** A project's followers (users, customers and organizations): who they are, add one, stop one following. */
export function ProjectFollowers({ projectId }: { projectId: number }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const followers = useList<ProjectFollower>(`/projects/${projectId}/followers`);
  const customers = useList<Customer>('/customers');
  const organizations = useList<Organization>('/organizations');
  const { error, run } = useAction();
  const [adding, setAdding] = useState('');

  const follows = (kind: Kind, id: number) => followers.rows?.some((f) => f.party_kind === kind && f.party_id === id) ?? false;
  const groups: { kind: Kind; label: string; rows: { id: number; name: string }[] }[] = [
    { kind: 'user', label: t('projects.users'), rows: ws.users },
    { kind: 'customer', label: t('customers.customers'), rows: customers.rows ?? [] },
    { kind: 'organization', label: t('customers.organizations'), rows: organizations.rows ?? [] },
  ];

  function add() {
    const [kind, id] = adding.split(':');
    if (kind !== 'user' && kind !== 'customer' && kind !== 'organization') return;
    void run(followCalls(projectId, kind, Number(id)).add, () => {
      setAdding('');
      followers.reload();
    });
  }

  return (
    <>
      <h3 className="section-title">{t('projects.followers')}</h3>
      <p className="muted">{t('projects.followersHint')}</p>
      <Alert message={error === null ? null : describeError(t, error)} />
      <DataTable
        compact
        rows={followers.rows}
        rowKey={(f) => `${f.party_kind}${f.party_id}`}
        empty={t('projects.noFollowers')}
        columns={[
          { header: t('common.name'), cell: (f) => f.name || `#${f.party_id}` },
          { header: t('projects.followers'), cell: (f) => <span className="tag">{t(`projects.followerKinds.${f.party_kind}`)}</span> },
          removeColumn<ProjectFollower>(
            t('common.actions'),
            (f) => t('projects.removeFollower', { name: f.name || `#${f.party_id}` }),
            (f) => void run(followCalls(projectId, f.party_kind, f.party_id).remove, followers.reload),
          ),
        ]}
      />
      <div className="inline-form">
        <select aria-label={t('projects.newFollower')} value={adding} onChange={(e) => setAdding(e.target.value)}>
          <option value="">{t('projects.newFollower')}</option>
          {groups.map((group) => (
            <optgroup key={group.kind} label={group.label}>
              {group.rows
                .filter((row) => !follows(group.kind, row.id))
                .map((row) => (
                  <option key={row.id} value={`${group.kind}:${row.id}`}>
                    {row.name}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
        <button type="button" className="button button-secondary button-small" disabled={adding === ''} onClick={add}>
          {t('projects.addFollower')}
        </button>
      </div>
    </>
  );
}
