import { useId } from 'react';
import { useTranslation } from 'react-i18next';

/** The Tandem mark (two linked rings) followed by the product name; `showName` false leaves the mark alone. */
export function Logo({ size = 28, showName = true }: { size?: number; showName?: boolean }) {
  const { t } = useTranslation();
  const gradient = useId();
  return (
    <span className="logo">
      <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
        <defs>
          <linearGradient id={gradient} x1="0" y1="0" x2="1" y2="1">
            <stop offset="0" stopColor="#7c6fe8" />
            <stop offset="1" stopColor="#4a45c9" />
          </linearGradient>
        </defs>
        <rect width="32" height="32" rx="8" fill={`url(#${gradient})`} />
        <circle cx="12.75" cy="16" r="6" fill="none" stroke="#fff" strokeWidth="2.5" />
        <circle cx="19.25" cy="16" r="6" fill="none" stroke="#fff" strokeOpacity=".6" strokeWidth="2.5" />
      </svg>
      {showName && <span className="logo-name">{t('product')}</span>}
    </span>
  );
}
