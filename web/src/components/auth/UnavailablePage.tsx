import { useTranslation } from 'react-i18next';
import { describeError } from '../../describeError';
import { AuthLayout } from './AuthLayout';

/** Shown when the session check itself fails (server down, proxy error); offers to try again. */
export function UnavailablePage({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <AuthLayout>
      <h1 className="auth-title">{t('unavailable.title')}</h1>
      <p className="auth-subtitle" role="alert">
        {describeError(t, error)}
      </p>
      <button type="button" className="button button-primary button-block" onClick={onRetry}>
        {t('unavailable.retry')}
      </button>
    </AuthLayout>
  );
}
