import { useTranslation } from 'react-i18next';
import { AdminPage } from './AdminPage';

/** The admin app. */
export default function AdminApp() {
  const { t } = useTranslation();
  return <AdminPage title={t('apps.admin.title')}>{null}</AdminPage>;
}
