import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { changeLanguage } from '../../i18n';
import { LANGUAGES, type Language } from '../../language';
import { Icon } from './Icon';

/**
 * A language picker that switches the whole UI at once; `showLabel` adds a visible "Language" caption and
 * `onSelected` hears each choice (to store it with the signed-in user).
 */
export function LanguageSelect({
  showLabel = false,
  onSelected,
}: {
  showLabel?: boolean;
  onSelected?: (lang: Language) => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const current = LANGUAGES.find((lang) => lang === i18n.resolvedLanguage) ?? 'en';

  function select(value: string) {
    const lang = LANGUAGES.find((candidate) => candidate === value);
    if (lang === undefined) return;
    changeLanguage(lang);
    onSelected?.(lang);
  }
  return (
    <div className="language-select">
      <label htmlFor={id} className={showLabel ? 'language-select-label' : 'visually-hidden'}>
        {t('language.label')}
      </label>
      <div className="select">
        <Icon name="globe" size={16} />
        <select id={id} value={current} onChange={(e) => select(e.target.value)}>
          {LANGUAGES.map((lang) => (
            <option key={lang} value={lang} lang={lang}>
              {t(`language.${lang}`)}
            </option>
          ))}
        </select>
        <Icon name="chevronDown" size={16} />
      </div>
    </div>
  );
}
