import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppEntry } from '../../apps';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { Icon } from '../ui/Icon';

/** The page of one app; for now a friendly empty state saying what will appear here. */
export function AppPage({ app }: { app: AppEntry }) {
  const { t } = useTranslation();
  const title = t(`apps.${app.id}.title`);
  const heading = useRef<HTMLHeadingElement>(null);

  // Moving focus to the new page's heading tells screen readers that the page changed.
  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
  }, [app.id]);

  useDocumentTitle(title);

  return (
    <main className="page">
      <header className="page-header">
        <h1 ref={heading} tabIndex={-1}>
          {title}
        </h1>
      </header>
      <section className="empty-state" aria-labelledby="empty-title">
        <div className="empty-icon">
          <Icon name={app.icon} size={28} />
        </div>
        <h2 id="empty-title">{t('empty.title')}</h2>
        <p>{t(`apps.${app.id}.empty`)}</p>
      </section>
    </main>
  );
}
