import { useTranslation } from 'react-i18next';
import { APPS, type AppEntry } from '../../apps';
import { followLink } from '../../router';
import { Icon } from '../ui/Icon';

/** The list of apps; marks `current` and calls `onNavigate` after a link is followed. */
export function SideNav({ current, onNavigate }: { current: AppEntry; onNavigate: () => void }) {
  const { t } = useTranslation();
  return (
    <nav id="app-nav" className="sidenav" aria-label={t('shell.mainNavigation')}>
      <ul>
        {APPS.map((app) => (
          <li key={app.id}>
            <a
              href={app.path}
              className="nav-link"
              aria-current={app.id === current.id ? 'page' : undefined}
              onClick={(event) => followLink(event, onNavigate)}
            >
              <Icon name={app.icon} />
              <span>{t(`apps.${app.id}.title`)}</span>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
