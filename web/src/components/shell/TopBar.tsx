import { useTranslation } from 'react-i18next';
import type { User } from '../../api';
import { HOME_APP } from '../../apps';
import { followLink } from '../../router';
import { Icon } from '../ui/Icon';
import { Logo } from '../ui/Logo';
import { UserMenu } from './UserMenu';

interface TopBarProps {
  user: User;
  navOpen: boolean;
  onToggleNav: () => void;
  onSignedOut: () => void;
}

/** The bar across the top: navigation toggle (narrow screens only), product name and the user menu. */
export function TopBar({ user, navOpen, onToggleNav, onSignedOut }: TopBarProps) {
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
      <div className="topbar-end">
        <UserMenu user={user} onSignedOut={onSignedOut} />
      </div>
    </header>
  );
}
