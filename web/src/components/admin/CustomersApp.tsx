import { useTranslation } from 'react-i18next';
import { AdminPage } from './AdminPage';

/** The customers app. */
export default function CustomersApp() {
  const { t } = useTranslation();
  return <AdminPage title={t('apps.customers.title')}>{null}</AdminPage>;
}
