import i18n, { type TFunction } from 'i18next';
import { useSyncExternalStore } from 'react';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import ru from './locales/ru.json';
import { LANGUAGE_KEY, initialLanguage, isLanguage, type Language } from './language';

export const resources = {
  en: { translation: en },
  ru: { translation: ru satisfies typeof en },
} as const;

function reflectLanguage(lang: string): void {
  document.documentElement.lang = lang;
}

/** Starts i18next synchronously in the remembered language, else the browser's, else English. */
export function setupI18n(): void {
  i18n.on('languageChanged', reflectLanguage);
  void i18n.use(initReactI18next).init({
    resources,
    lng: initialLanguage(),
    fallbackLng: 'en',
    initAsync: false,
    interpolation: { escapeValue: false },
  });
}

/** Shows the UI in the language a signed-in user chose, when it chose one this app knows. */
export function adoptLanguage(lang: string | null | undefined): void {
  if (isLanguage(lang) && lang !== i18n.resolvedLanguage) changeLanguage(lang);
}

/** Shows the UI in `lang` and remembers the choice for later visits. */
export function changeLanguage(lang: Language): void {
  try {
    localStorage.setItem(LANGUAGE_KEY, lang);
  } catch {
    // Storage may be unavailable (private mode); the switch still applies to this visit.
  }
  void i18n.changeLanguage(lang);
}

/** A language's `t`, and the language, as the many-times-rendered components get them. */
export interface SharedTranslation {
  t: TFunction;
  language: string;
}

const shared = new Map<string, SharedTranslation>();

function subscribeToLanguage(onChange: () => void): () => void {
  i18n.on('languageChanged', onChange);
  return () => i18n.off('languageChanged', onChange);
}

/**
 * `t` of the current language for components rendered many times at once (list rows, cards, their badges):
 * unlike react-i18next's useTranslation, which copies the i18next instance for each component it mounts, it
 * keeps nothing per component. Re-renders the component when the language changes.
 */
export function useSharedTranslation(): SharedTranslation {
  const language = useSyncExternalStore(subscribeToLanguage, () => i18n.language);
  let translation = shared.get(language);
  if (translation === undefined) {
    translation = { t: i18n.getFixedT(language), language };
    shared.set(language, translation);
  }
  return translation;
}
