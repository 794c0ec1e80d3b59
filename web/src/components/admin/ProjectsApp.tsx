import { useTranslation } from 'react-i18next';
import { AdminPage } from './AdminPage';

/** The projects app. */
export default function ProjectsApp() {
  const { t } = useTranslation();
  return <AdminPage title={t('apps.projects.title')}>{null}</AdminPage>;
}
