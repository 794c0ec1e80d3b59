import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useWorkspace } from '../../data/workspace';
import { describeError } from '../../describeError';
import type { Customer, Organization } from '../../model';
import { Alert } from '../ui/Alert';
import { Icon } from '../ui/Icon';
import { AdminPage } from './AdminPage';
import { FormDialog } from './FormDialog';
import { Tabs } from './Tabs';
import { useAddRequests } from './useAddRequests';
import { useList } from './useList';

type Section = 'customers' | 'organizations';

const splitList = (text: string) => text.split(/[\s,]+/).map((part) => part.trim()).filter(Boolean);

/** The Customers app: customers (create, invite to the portal) and organizations (domains, intake project). */
export default function CustomersApp({ addRequests }: { addRequests: number }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const [section, setSection] = useState<Section>('customers');
  const [creating, setCreating] = useState<Section | null>(null);
  const [sharing, setSharing] = useState(false);
  const [editing, setEditing] = useState<Organization | null>(null);
  const customers = useList<Customer>('/customers');
  const organizations = useList<Organization>('/organizations');
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  useAddRequests(addRequests, () => setCreating(section));

  const orgName = (id: number | null) => (id === null ? '—' : organizations.rows?.find((o) => o.id === id)?.name ?? `#${id}`);

  async function invite(customer: Customer) {
    setError(null);
    setNotice(null);
    try {
      await api.post(`/customers/${customer.id}/invite`, {});
      setNotice(t('customers.invited', { email: customer.emails[0] ?? customer.name }));
    } catch (err) {
      setError(err);
    }
  }

  return (
    <AdminPage
      title={t('apps.customers.title')}
      actions={
        <>
          <button type="button" className="button button-secondary button-small" onClick={() => setSharing(true)}>
            <Icon name="board" size={16} />
            {t('customers.shareProjects')}
          </button>
          <button type="button" className="button button-primary button-small" onClick={() => setCreating(section)}>
            <Icon name="plus" size={16} />
            {section === 'customers' ? t('add.customers') : t('customers.newOrganization')}
          </button>
        </>
      }
    >
      <Tabs<Section>
        label={t('apps.customers.title')}
        current={section}
        onSelect={setSection}
        tabs={[
          { id: 'customers', label: t('customers.customers') },
          { id: 'organizations', label: t('customers.organizations') },
        ]}
      />
      {error !== null && <Alert message={describeError(t, error)} />}
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {section === 'customers' ? (
        <table className="table">
          <thead>
            <tr>
              <th>{t('common.name')}</th>
              <th>{t('common.email')}</th>
              <th>{t('customers.organization')}</th>
              <th>{t('customers.portal')}</th>
              <th>{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {customers.rows?.map((customer) => (
              <tr key={customer.id}>
                <td>
                  <strong>{customer.name}</strong>
                  {!customer.active && <span className="tag">{t('customers.inactive')}</span>}
                </td>
                <td>{customer.emails.join(', ')}</td>
                <td>{orgName(customer.organization_id)}</td>
                <td>{customer.has_password ? t('customers.hasAccess') : t('customers.noAccess')}</td>
                <td className="row-actions">
                  <button type="button" className="button button-secondary button-small" onClick={() => void invite(customer)}>
                    <Icon name="mail" size={14} />
                    {t('customers.invite')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>{t('common.name')}</th>
              <th>{t('customers.domains')}</th>
              <th>{t('customers.intakeProject')}</th>
            </tr>
          </thead>
          <tbody>
            {organizations.rows?.map((organization) => (
              <tr key={organization.id}>
                <td>
                  <button type="button" className="link-button" onClick={() => setEditing(organization)}>
                    {organization.name}
                  </button>
                </td>
                <td>{organization.domains.join(', ') || '—'}</td>
                <td>{organization.intake_project_id === null ? '—' : ws.projectById.get(organization.intake_project_id)?.name}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {creating === 'customers' && <NewCustomer organizations={organizations.rows ?? []} onClose={() => setCreating(null)} onDone={customers.reload} />}
      {sharing && (
        <ShareProjects
          customers={customers.rows ?? []}
          organizations={organizations.rows ?? []}
          onClose={() => setSharing(false)}
          onDone={() => setNotice(t('customers.shared'))}
        />
      )}
      {creating === 'organizations' && <OrganizationForm onClose={() => setCreating(null)} onDone={organizations.reload} />}
      {editing && <OrganizationForm organization={editing} onClose={() => setEditing(null)} onDone={organizations.reload} />}
    </AdminPage>
  );
}

function NewCustomer({ organizations, onClose, onDone }: { organizations: Organization[]; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [organization, setOrganization] = useState('');
  return (
    <FormDialog
      title={t('add.customers')}
      submitLabel={t('common.create')}
      onClose={onClose}
      onSubmit={async () => {
        await api.post('/customers', { name, emails: [email], organization_id: organization === '' ? null : Number(organization) });
        onDone();
      }}
    >
      <label className="form-field">
        <span>{t('common.name')}</span>
        <input value={name} onChange={(e) => setName(e.target.value)} required autoFocus />
      </label>
      <label className="form-field">
        <span>{t('common.email')}</span>
        <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
      </label>
      <label className="form-field">
        <span>{t('customers.organization')}</span>
        <select value={organization} onChange={(e) => setOrganization(e.target.value)}>
          <option value="">{t('customers.byDomain')}</option>
          {organizations.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
      </label>
    </FormDialog>
  );
}

interface OrganizationFormProps {
  /** The organization to change; without one a new organization is created. */
  organization?: Organization;
  onClose: () => void;
  onDone: () => void;
}

function OrganizationForm({ organization, onClose, onDone }: OrganizationFormProps) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const [name, setName] = useState(organization?.name ?? '');
  const [domains, setDomains] = useState(organization?.domains.join(', ') ?? '');
  const [intake, setIntake] = useState(organization?.intake_project_id?.toString() ?? '');
  return (
    <FormDialog
      title={organization ? organization.name : t('customers.newOrganization')}
      submitLabel={organization ? t('common.save') : t('common.create')}
      onClose={onClose}
      onSubmit={async () => {
        const fields = { name, domains: splitList(domains), intake_project_id: intake === '' ? null : Number(intake) };
        if (organization) await api.patch(`/organizations/${organization.id}`, fields);
        else await api.post('/organizations', fields);
        onDone();
      }}
    >
      <label className="form-field">
        <span>{t('common.name')}</span>
        <input value={name} onChange={(e) => setName(e.target.value)} required autoFocus />
      </label>
      <label className="form-field">
        <span>{t('customers.domains')}</span>
        <input value={domains} placeholder="example.com" onChange={(e) => setDomains(e.target.value)} />
      </label>
      <label className="form-field">
        <span>{t('customers.intakeProject')}</span>
        <select value={intake} onChange={(e) => setIntake(e.target.value)}>
          <option value="">{t('common.none')}</option>
          {ws.projects.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
    </FormDialog>
  );
}

interface ShareProps {
  customers: Customer[];
  organizations: Organization[];
  onClose: () => void;
  onDone: () => void;
}

/** The bulk "share projects" dialog: the chosen customers and organizations follow the chosen projects. */
function ShareProjects({ customers, organizations, onClose, onDone }: ShareProps) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const [projects, setProjects] = useState<number[]>([]);
  const [people, setPeople] = useState<number[]>([]);
  const [orgs, setOrgs] = useState<number[]>([]);
  const column = (legend: string, rows: { id: number; name: string }[], chosen: number[], set: (ids: number[]) => void) => (
    <fieldset className="fieldset share-column">
      <legend>{legend}</legend>
      {rows.map((row) => (
        <label key={row.id} className="check">
          <input
            type="checkbox"
            checked={chosen.includes(row.id)}
            onChange={(e) => set(e.target.checked ? [...chosen, row.id] : chosen.filter((id) => id !== row.id))}
          />
          {row.name}
        </label>
      ))}
    </fieldset>
  );
  return (
    <FormDialog
      title={t('customers.shareProjects')}
      submitLabel={t('customers.share')}
      wide
      onClose={onClose}
      onSubmit={async () => {
        await api.post('/projects/share', { project_ids: projects, customer_ids: people, organization_ids: orgs });
        onDone();
      }}
    >
      <p className="muted">{t('customers.shareHint')}</p>
      <div className="share-grid">
        {column(t('projects.projects'), ws.projects, projects, setProjects)}
        {column(t('customers.customers'), customers, people, setPeople)}
        {column(t('customers.organizations'), organizations, orgs, setOrgs)}
      </div>
    </FormDialog>
  );
}
