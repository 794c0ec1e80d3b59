import { useCallback, useEffect, useState } from 'react';
import { fetchCurrentUser, onSessionEnded, type User } from './api';
import { adoptLanguage } from './i18n';
import { SignInPage } from './components/auth/SignInPage';
import { UnavailablePage } from './components/auth/UnavailablePage';
import { Shell } from './components/shell/Shell';
import { Splash } from './components/Splash';
import { stopLive } from './data/live';
import { WorkspaceProvider } from './data/workspace';
import { navigate } from './router';

type Session =
  | { kind: 'checking' }
  | { kind: 'signed-out' }
  | { kind: 'signed-in'; user: User }
  | { kind: 'unavailable'; error: unknown };

/** The root: asks the server who is signed in, then shows the sign-in page or the shell. */
export function App() {
  const [session, setSession] = useState<Session>({ kind: 'checking' });

  const signedIn = useCallback((user: User) => {
    adoptLanguage(user.language);
    setSession({ kind: 'signed-in', user });
  }, []);

  const check = useCallback(() => {
    setSession({ kind: 'checking' });
    fetchCurrentUser().then(
      (user) => (user === null ? setSession({ kind: 'signed-out' }) : signedIn(user)),
      (error: unknown) => setSession({ kind: 'unavailable', error }),
    );
  }, [signedIn]);

  useEffect(check, [check]);
  useEffect(
    () =>
      onSessionEnded(() => {
        stopLive();
        setSession({ kind: 'signed-out' });
      }),
    [],
  );

  switch (session.kind) {
    case 'checking':
      return <Splash />;
    case 'unavailable':
      return <UnavailablePage error={session.error} onRetry={check} />;
    case 'signed-out':
      return <SignInPage onSignedIn={signedIn} />;
    case 'signed-in':
      return (
        <WorkspaceProvider me={session.user} fallback={<Splash />}>
          <Shell
            user={session.user}
            onSignedOut={() => {
              stopLive();
              navigate('/', true);
              setSession({ kind: 'signed-out' });
            }}
          />
        </WorkspaceProvider>
      );
  }
}
