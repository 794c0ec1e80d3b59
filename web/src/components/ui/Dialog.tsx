import { useEffect, useId, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useDismiss } from '../../hooks/useDismiss';

interface DialogProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** The buttons along the bottom. */
  actions?: ReactNode;
  wide?: boolean;
}

/** A modal dialog over the page: Escape or the backdrop closes it, focus moves into it and back afterwards. */
export function Dialog({ title, onClose, children, actions, wide = false }: DialogProps) {
  const id = useId();
  const box = useRef<HTMLDivElement>(null);
  useDismiss(true, onClose);

  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const element = box.current;
    if (element && !element.contains(document.activeElement)) {
      const first = element.querySelector<HTMLElement>('[autofocus], input, select, textarea, button');
      (first ?? element).focus();
    }
    return () => previous?.focus();
  }, []);

  return createPortal(
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={box} className={wide ? 'dialog dialog-wide' : 'dialog'} role="dialog" aria-modal="true" aria-labelledby={id} tabIndex={-1}>
        <h2 id={id} className="dialog-title">
          {title}
        </h2>
        <div className="dialog-body">{children}</div>
        {actions && <div className="dialog-actions">{actions}</div>}
      </div>
    </div>,
    document.body,
  );
}
