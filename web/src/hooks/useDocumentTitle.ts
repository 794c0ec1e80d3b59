import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Shows "`page` · Tandem" in the browser tab while the calling component is on screen. */
export function useDocumentTitle(page: string): void {
  const { t } = useTranslation();
  const product = t('product');
  useEffect(() => {
    document.title = `${page} · ${product}`;
  }, [page, product]);
}
