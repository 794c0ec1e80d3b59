import { useCallback, useEffect, useState } from 'react';
import type { User } from '../../api';
import { HOME_APP, appForPath } from '../../apps';
import { useDismiss } from '../../hooks/useDismiss';
import { navigate, usePath } from '../../router';
import { AppPage } from './AppPage';
import { SideNav } from './SideNav';
import { TopBar } from './TopBar';
import '../../styles/shell.css';

/** The signed-in frame: top bar, app navigation (a drawer on narrow screens) and the current app's page. */
export function Shell({ user, onSignedOut }: { user: User; onSignedOut: () => void }) {
  const path = usePath();
  const app = appForPath(path);
  const [navOpen, setNavOpen] = useState(false);
  const closeNav = useCallback(() => setNavOpen(false), []);
  useDismiss(navOpen, closeNav);

  useEffect(() => {
    if (app === undefined) navigate(HOME_APP.path, true);
  }, [app]);

  if (app === undefined) return null;
  return (
    <div className={navOpen ? 'shell nav-open' : 'shell'}>
      <TopBar user={user} navOpen={navOpen} onToggleNav={() => setNavOpen(!navOpen)} onSignedOut={onSignedOut} />
      <div className="shell-body">
        <SideNav current={app} onNavigate={closeNav} />
        <div className="nav-backdrop" onClick={closeNav} aria-hidden="true" />
        <AppPage app={app} />
      </div>
    </div>
  );
}
