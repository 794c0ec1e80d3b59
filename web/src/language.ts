// Free of React and of the translations: the entry reads the likely language before the app's code loads.

export const LANGUAGES = ['en', 'ru'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Where the browser remembers the language chosen last. */
export const LANGUAGE_KEY = 'tandem.language';

/** Whether the app has strings for `value`. */
export function isLanguage(value: string | null | undefined): value is Language {
  return LANGUAGES.some((lang) => lang === value);
}

function storedLanguage(): string | null {
  try {
    return localStorage.getItem(LANGUAGE_KEY);
  } catch {
    return null;
  }
}

function browserLanguage(): Language {
  const preferred = navigator.languages.length > 0 ? navigator.languages : [navigator.language];
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

/** The language to start in: the remembered one, else the browser's, else English. */
export function initialLanguage(): Language {
  const stored = storedLanguage();
  return isLanguage(stored) ? stored : browserLanguage();
}
