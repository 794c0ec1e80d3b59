import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Logo } from '../ui/Logo';
import { LanguageSelect } from '../ui/LanguageSelect';
import '../../styles/auth.css';

/** The centred card used before sign-in: logo on top, `children` inside, language switch below. */
export function AuthLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="auth">
      <main className="auth-main">
        <div className="auth-brand">
          <Logo size={40} showName={false} />
        </div>
        <section className="auth-card">{children}</section>
        <footer className="auth-footer">
          <span className="auth-tagline">{t('tagline')}</span>
          <LanguageSelect />
        </footer>
      </main>
    </div>
  );
}
