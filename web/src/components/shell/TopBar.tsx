import { useTranslation } from 'react-i18next';
import type { User } from '../../api';
import { HOME_APP } from '../../apps';
import { followLink } from '../../router';
import { Icon } from '../ui/Icon';
import { Logo } from '../ui/Logo';
import { LiveIndicator, Notifications } from './Notifications';
import { TimerChip } from '../time/TimerChip';
import { SearchBox } from './SearchBox';
import { UserMenu } from './UserMenu';

interface TopBarProps {
  user: User;
  navOpen: boolean;
  onToggleNav: () => void;
  onSignedOut: () => void;
  /** Creates whatever fits the current app; absent where there is nothing to add. */
  onAdd: (() => void) | undefined;
  addLabel: string;
}

/** The bar across the top: navigation toggle (narrow screens), product, search, Add, live state, notifications, user. */
export function TopBar({ user, navOpen, onToggleNav, onSignedOut, onAdd, addLabel }: TopBarProps) {
  const { t } = useTranslation();
  return (
    <header className="topbar">
      <button
        type="button"
        className="icon-button nav-toggle"
        aria-label={t('shell.navigationMenu')}
        aria-expanded={navOpen}
        aria-controls="app-nav"
        onClick={onToggleNav}
      >
        <Icon name={navOpen ? 'close' : 'menu'} />
      </button>
      <a href={HOME_APP.path} className="topbar-brand" onClick={followLink}>
        <Logo size={26} />
      </a>
      <SearchBox />
      <div className="topbar-end">
        {onAdd && (
          <button type="button" className="button button-primary button-small add-button" onClick={onAdd} aria-label={addLabel}>
            <Icon name="plus" size={16} />
            <span className="add-label">{addLabel}</span>
          </button>
        )}
        <TimerChip />
        <LiveIndicator />
        <Notifications />
        <UserMenu user={user} onSignedOut={onSignedOut} />
      </div>
    </header>
  );
}
