import { useTranslation } from 'react-i18next';
import { Logo } from './ui/Logo';

/** What shows while the session is being checked: the mark alone, so nothing flashes. */
export function Splash() {
  const { t } = useTranslation();
  return (
    <div className="splash" aria-busy="true">
      <Logo size={40} showName={false} />
      <span className="visually-hidden">{t('loading')}</span>
    </div>
  );
}
