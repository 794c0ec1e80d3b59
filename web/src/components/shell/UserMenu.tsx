import { useCallback, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { logout, updateMe, type User } from '../../api';
import { describeError } from '../../describeError';
import { useDismiss } from '../../hooks/useDismiss';
import { Alert } from '../ui/Alert';
import { Avatar } from '../ui/Avatar';
import { Icon } from '../ui/Icon';
import { LanguageSelect } from '../ui/LanguageSelect';

/** The account button in the top bar; its panel shows who is signed in, the language switch and "Sign out". */
export function UserMenu({ user, onSignedOut }: { user: User; onSignedOut: () => void }) {
  const { t } = useTranslation();
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const close = useCallback(() => {
    setOpen(false);
    // Keep keyboard users in place instead of dropping focus to the page when the panel goes away.
    if (root.current?.contains(document.activeElement)) button.current?.focus();
  }, []);
  useDismiss(open, close, root);

  async function signOut() {
    setPending(true);
    setError(null);
    try {
      await logout();
      onSignedOut();
    } catch (err) {
      setError(err);
      setPending(false);
    }
  }

  // The choice also becomes the language of the user's mail and of its next sign-in elsewhere.
  function storeLanguage(language: string) {
    setError(null);
    updateMe({ language }).catch(setError);
  }

  return (
    <div className="user-menu" ref={root}>
      <button
        ref={button}
        type="button"
        className="user-button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
      >
        <Avatar name={user.name} />
        <span className="user-name">{user.name}</span>
        <Icon name="chevronDown" size={16} />
      </button>
      {open && (
        <div id={panelId} className="popover" role="group" aria-label={t('shell.accountMenu')}>
          <div className="popover-header">
            <Avatar name={user.name} size={36} />
            <div className="popover-identity">
              <strong>{user.name}</strong>
              <span>{user.email}</span>
            </div>
          </div>
          <div className="popover-section">
            <LanguageSelect showLabel onSelected={storeLanguage} />
          </div>
          {error !== null && (
            <div className="popover-section">
              <Alert message={describeError(t, error)} />
            </div>
          )}
          <div className="popover-section">
            <button type="button" className="menu-item" onClick={signOut} disabled={pending}>
              <Icon name="signOut" size={18} />
              {pending ? t('shell.signingOut') : t('shell.signOut')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
