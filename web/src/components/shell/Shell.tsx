import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../api';
import { APPS, appAvailable, appForPath, tracksTime } from '../../apps';
import { startLive } from '../../data/live';
import { TimersProvider } from '../../data/timers';
import { useWorkspace } from '../../data/workspace';
import { useDismiss } from '../../hooks/useDismiss';
import { navigate, usePath } from '../../router';
import { ItemsApp } from '../items/ItemsApp';
import { TimeFeedback } from '../time/TimeFeedback';
import { NewItemDialog } from './NewItemDialog';
import { SideNav } from './SideNav';
import { TopBar } from './TopBar';
import '../../styles/shell.css';

const ProjectsApp = lazy(() => import('../admin/ProjectsApp'));
const CustomersApp = lazy(() => import('../admin/CustomersApp'));
const PeopleApp = lazy(() => import('../admin/PeopleApp'));
const AdminApp = lazy(() => import('../admin/AdminApp'));
const TimesheetsApp = lazy(() => import('../time/TimesheetsApp'));

/** The signed-in frame: top bar, app navigation (a drawer on narrow screens) and the current app's page. */
export function Shell({ user, onSignedOut }: { user: User; onSignedOut: () => void }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const path = usePath();
  const app = appForPath(path);
  const usable = app !== undefined && appAvailable(app, ws.me, ws.modules);
  const [navOpen, setNavOpen] = useState(false);
  const [adding, setAdding] = useState<string | null>(null);
  // Presses of Add in the management apps, counted per app so that one loading on demand still sees them.
  const [addRequests, setAddRequests] = useState<{ app: string; count: number }>({ app: '', count: 0 });
  const closeNav = useCallback(() => setNavOpen(false), []);
  useDismiss(navOpen, closeNav);

  useEffect(startLive, []);
  useEffect(() => setAddRequests({ app: '', count: 0 }), [app?.id]);

  useEffect(() => {
    if (usable) return;
    const first = APPS.find((candidate) => appAvailable(candidate, ws.me, ws.modules));
    if (first) navigate(first.path, true);
  }, [usable, ws.me, ws.modules]);

  if (!usable) return null;
  const itemsApp = app.id === 'tickets' || app.id === 'tasks';
  const onAdd = itemsApp
    ? () => setAdding(app.id === 'tickets' ? 'ticket' : 'task')
    : app.id === 'admin'
      ? undefined
      : () => setAddRequests((current) => ({ app: app.id, count: current.app === app.id ? current.count + 1 : 1 }));
  const requests = addRequests.app === app.id ? addRequests.count : 0;
  return (
    <TimersProvider enabled={tracksTime(ws.me, ws.modules)}>
    <div className={navOpen ? 'shell nav-open' : 'shell'}>
      <TopBar
        user={user}
        navOpen={navOpen}
        onToggleNav={() => setNavOpen(!navOpen)}
        onSignedOut={onSignedOut}
        onAdd={onAdd}
        addLabel={t(`add.${app.id}`)}
      />
      <div className="shell-body">
        <SideNav current={app} onNavigate={closeNav} />
        <div className="nav-backdrop" onClick={closeNav} aria-hidden="true" />
        {itemsApp ? (
          <ItemsApp key={app.id} app={app.id === 'tickets' ? 'tickets' : 'tasks'} />
        ) : (
          <Suspense fallback={<main className="page" aria-busy="true" />}>
            {app.id === 'projects' && <ProjectsApp addRequests={requests} />}
            {app.id === 'customers' && <CustomersApp addRequests={requests} />}
            {app.id === 'people' && <PeopleApp addRequests={requests} />}
            {app.id === 'timesheets' && <TimesheetsApp addRequests={requests} />}
            {app.id === 'admin' && <AdminApp />}
          </Suspense>
        )}
      </div>
      {adding !== null && <NewItemDialog typeKey={adding} onClose={() => setAdding(null)} />}
      <TimeFeedback />
    </div>
    </TimersProvider>
  );
}
