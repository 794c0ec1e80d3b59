import { useEffect, useRef, type ReactNode } from 'react';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import '../../styles/admin.css';

/** The frame of the management apps: a focused heading, optional actions beside it, then the content. */
export function AdminPage({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useDocumentTitle(title);
  // Moving focus to the new page's heading tells screen readers that the page changed.
  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
  }, [title]);
  return (
    <main className="page admin-page">
      <header className="page-header">
        <h1 ref={heading} tabIndex={-1}>
          {title}
        </h1>
        {actions && <div className="page-actions">{actions}</div>}
      </header>
      <div className="admin-content">{children}</div>
    </main>
  );
}
