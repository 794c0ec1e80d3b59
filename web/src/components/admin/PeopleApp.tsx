import { useTranslation } from 'react-i18next';
import { AdminPage } from './AdminPage';

/** The people app. */
export default function PeopleApp() {
  const { t } = useTranslation();
  return <AdminPage title={t('apps.people.title')}>{null}</AdminPage>;
}
