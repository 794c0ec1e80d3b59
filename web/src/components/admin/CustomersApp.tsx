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
import { useAddEvent } from './useAddEvent';
import { useList } from './useList';

type Section = 'customers' | 'organizations';

const splitList = (text: string) => text.split(/[\s,]+/).map((part) => part.trim()).filter(Boolean);

/** The Customers app: customers (create, invite to the portal) and organizations (domains, intake project). */
export default function CustomersApp() {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const [section, setSection] = useState<Section>('customers');
  const [creating, setCreating] = useState<Section | null>(null);
  const customers = useList<Customer>('/customers');
  const organizations = useList<Organization>('/organizations');
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  useAddEvent(() => setCreating(section));

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
        <button type="button" className="button button-primary button-small" onClick={() => setCreating(section)}>
          <Icon name="plus" size={16} />
          {section === 'customers' ? t('add.customers') : t('customers.newOrganization')}
        </button>
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
                  <strong>{organization.name}</strong>
                </td>
                <td>{organization.domains.join(', ') || '—'}</td>
                <td>{organization.intake_project_id === null ? '—' : ws.projectById.get(organization.intake_project_id)?.name}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {creating === 'customers' && <NewCustomer organizations={organizations.rows ?? []} onClose={() => setCreating(null)} onDone={customers.reload} />}
      {creating === 'organizations' && <NewOrganization onClose={() => setCreating(null)} onDone={organizations.reload} />}
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

function NewOrganization({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const [name, setName] = useState('');
  const [domains, setDomains] = useState('');
  const [intake, setIntake] = useState('');
  return (
    <FormDialog
      title={t('customers.newOrganization')}
      submitLabel={t('common.create')}
      onClose={onClose}
      onSubmit={async () => {
        await api.post('/organizations', { name, domains: splitList(domains), intake_project_id: intake === '' ? null : Number(intake) });
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
