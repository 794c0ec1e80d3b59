import { useTranslation } from 'react-i18next';
import { APPS, appAvailable, type AppEntry } from '../../apps';
import { useWorkspace } from '../../data/workspace';
import { followLink } from '../../router';
import { Icon } from '../ui/Icon';
import { ScopeSelector } from './ScopeSelector';

/** The list of apps the user may use; marks `current` and calls `onNavigate` after a link is followed. */
export function SideNav({ current, onNavigate }: { current: AppEntry; onNavigate: () => void }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  return (
    <nav id="app-nav" className="sidenav" aria-label={t('shell.mainNavigation')}>
      <ScopeSelector />
      <ul>
        {APPS.filter((app) => appAvailable(app, ws.me, ws.modules)).map((app) => (
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
      <p className="nav-shortcuts">{t('shell.shortcutsHint')}</p>
    </nav>
  );
}
