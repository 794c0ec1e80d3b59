import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { login, type User } from '../../api';
import { describeError } from '../../describeError';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { Alert } from '../ui/Alert';
import { Field } from '../ui/Field';
import { PasswordToggle } from './PasswordToggle';
import { AuthLayout } from './AuthLayout';

/** The sign-in screen; calls `onSignedIn` with the user once the server accepts the credentials. */
export function SignInPage({ onSignedIn }: { onSignedIn: (user: User) => void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [showPassword, setShowPassword] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [missingFields, setMissingFields] = useState(false);

  useDocumentTitle(t('signIn.pageTitle'));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    const missing = email.trim() === '' || password === '';
    setMissingFields(missing);
    if (missing) return;
    setPending(true);
    try {
      onSignedIn(await login(email.trim(), password));
    } catch (err) {
      setError(err);
      setPending(false);
    }
  }

  // Computed on render so an error already shown follows a language switch.
  const message = missingFields ? t('signIn.missingFields') : error === null ? null : describeError(t, error);

  return (
    <AuthLayout>
      <h1 className="auth-title">{t('signIn.title')}</h1>
      <p className="auth-subtitle">{t('signIn.subtitle')}</p>
      <form className="auth-form" onSubmit={submit} noValidate aria-busy={pending}>
        <Alert message={message} />
        <Field
          label={t('signIn.email')}
          type="email"
          name="email"
          autoComplete="username"
          inputMode="email"
          autoCapitalize="none"
          spellCheck={false}
          placeholder={t('signIn.emailPlaceholder')}
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          aria-invalid={message !== null}
          autoFocus
        />
        <Field
          label={t('signIn.password')}
          type={showPassword ? 'text' : 'password'}
          name="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-invalid={message !== null}
          trailing={<PasswordToggle shown={showPassword} onToggle={() => setShowPassword(!showPassword)} />}
        />
        <button type="submit" className="button button-primary button-block" disabled={pending}>
          {pending ? t('signIn.submitting') : t('signIn.submit')}
        </button>
      </form>
    </AuthLayout>
  );
}
