import type { TFunction } from 'i18next';
import { ApiError } from './api';

/** Turns a failed call into a sentence for people, in the current language; unknown codes show the server's message. */
export function describeError(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiError)) return t('errors.unexpected');
  switch (error.code) {
    case 'invalid_credentials':
      return t('errors.invalid_credentials');
    case 'validation_failed':
      return t('errors.validation_failed');
    case 'network_error':
      return t('errors.network');
    case 'rate_limited':
      if (error.retryAfter === null || error.retryAfter === 0) return t('errors.rate_limited_later');
      return error.retryAfter < 60
        ? t('errors.rate_limited', { count: error.retryAfter })
        : t('errors.rate_limited_minutes', { count: Math.ceil(error.retryAfter / 60) });
    case 'bad_response':
      return t('errors.unexpected');
    default:
      // A body without an error code (http_NNN, e.g. from a proxy) has no text meant for people.
      return /^http_\d+$/.test(error.code) || error.message === '' ? t('errors.unexpected') : error.message;
  }
}
