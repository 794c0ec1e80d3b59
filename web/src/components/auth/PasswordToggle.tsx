import { useTranslation } from 'react-i18next';
import { Icon } from '../ui/Icon';

/** The eye button inside the password field that shows or hides what was typed. */
export function PasswordToggle({ shown, onToggle }: { shown: boolean; onToggle: () => void }) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className="input-action"
      onClick={onToggle}
      aria-pressed={shown}
      aria-label={t('signIn.showPassword')}
      title={t('signIn.showPassword')}
    >
      <Icon name={shown ? 'eyeOff' : 'eye'} size={18} />
    </button>
  );
}
