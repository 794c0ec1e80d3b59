import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useWorkspace } from '../../data/workspace';
import { describeError } from '../../describeError';
import type { Customer, Organization } from '../../model';
import { useAction } from '../../hooks/useAction';
import { Alert } from '../ui/Alert';
import { DataTable, RowLink } from '../ui/DataTable';
import { CheckList, SelectField, TextField, namedChoices } from '../ui/FormFields';
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
  const { error, run } = useAction();
  useAddRequests(addRequests, () => setCreating(section));

  const orgName = (id: number | null) => (id === null ? '—' : organizations.rows?.find((o) => o.id === id)?.name ?? `#${id}`);

  async function invite(customer: Customer) {
    setNotice(null);
    await api.post(`/customers/${customer.id}/invite`, {});
    setNotice(t('customers.invited', { email: customer.emails[0] ?? customer.name }));
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
        <DataTable
          rows={customers.rows}
          rowKey={(customer) => customer.id}
          columns={[
            {
              header: t('common.name'),
              cell: (customer) => (
                <>
                  <strong>{customer.name}</strong>
                  {!customer.active && <span className="tag">{t('customers.inactive')}</span>}
                </>
              ),
            },
            { header: t('common.email'), cell: (customer) => customer.emails.join(', ') },
            { header: t('customers.organization'), cell: (customer) => orgName(customer.organization_id) },
            { header: t('customers.portal'), cell: (customer) => (customer.has_password ? t('customers.hasAccess') : t('customers.noAccess')) },
            {
              header: t('common.actions'),
              className: 'row-actions',
              cell: (customer) => (
                <button type="button" className="button button-secondary button-small" onClick={() => void run(() => invite(customer))}>
                  <Icon name="mail" size={14} />
                  {t('customers.invite')}
                </button>
              ),
            },
          ]}
        />
      ) : (
        <DataTable
          rows={organizations.rows}
          rowKey={(organization) => organization.id}
          columns={[
            { header: t('common.name'), cell: (organization) => <RowLink onClick={() => setEditing(organization)}>{organization.name}</RowLink> },
            { header: t('customers.domains'), cell: (organization) => organization.domains.join(', ') || '—' },
            {
              header: t('customers.intakeProject'),
              cell: (organization) =>
                organization.intake_project_id === null ? '—' : ws.projectById.get(organization.intake_project_id)?.name,
            },
          ]}
        />
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
      <TextField label={t('common.name')} value={name} onChange={setName} required autoFocus />
      <TextField label={t('common.email')} type="email" value={email} onChange={setEmail} required />
      <SelectField
        label={t('customers.organization')}
        value={organization}
        onChange={setOrganization}
        none={t('customers.byDomain')}
        choices={namedChoices(organizations)}
      />
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
      <TextField label={t('common.name')} value={name} onChange={setName} required autoFocus />
      <TextField label={t('customers.domains')} value={domains} placeholder="example.com" onChange={setDomains} />
      <SelectField
        label={t('customers.intakeProject')}
        value={intake}
        onChange={setIntake}
        none={t('common.none')}
        choices={namedChoices(ws.projects)}
      />
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
        <CheckList className="share-column" legend={t('projects.projects')} rows={ws.projects} chosen={projects} onChange={setProjects} />
        <CheckList className="share-column" legend={t('customers.customers')} rows={customers} chosen={people} onChange={setPeople} />
        <CheckList className="share-column" legend={t('customers.organizations')} rows={organizations} chosen={orgs} onChange={setOrgs} />
      </div>
    </FormDialog>
  );
}
