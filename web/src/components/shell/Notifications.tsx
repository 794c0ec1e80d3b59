import { useCallback, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useLiveEvents, useLiveStatus } from '../../data/live';
import { useDismiss } from '../../hooks/useDismiss';
import type { Item, ItemEvent } from '../../model';
import { navigate } from '../../router';
import { Icon } from '../ui/Icon';

interface Notice {
  id: number;
  item: Item;
  read: boolean;
}

/** True for a live event that is a new message from a customer. */
function isCustomerMessage(event: ItemEvent): boolean {
  if (event.kind !== 'item.message_added') return false;
  if (event.actor?.kind) return event.actor.kind === 'customer';
  return event.payload['author_id'] === null && event.payload['visibility'] === 'public';
}

/** A quiet dot saying whether changes from others arrive live. */
export function LiveIndicator() {
  const { t } = useTranslation();
  const status = useLiveStatus();
  return (
    <span className={`live-indicator live-${status}`} role="status" title={t(`live.${status}`)}>
      <span className="live-dot" aria-hidden="true" />
      <span className="live-text">{t(`live.${status}`)}</span>
    </span>
  );
}

/** The bell: new customer messages arrive here live, with a toast and (when allowed) a system notification. */
export function Notifications() {
  const { t } = useTranslation();
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const [notices, setNotices] = useState<Notice[]>([]);
  const [toast, setToast] = useState<Notice | null>(null);
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  useDismiss(open, close, root);

  useLiveEvents((event) => {
    if (!isCustomerMessage(event)) return;
    api.get<Item>(`/items/${event.entity_id}`).then(
      (item) => {
        const notice = { id: event.id, item, read: false };
        setNotices((list) => [notice, ...list].slice(0, 30));
        setToast(notice);
        window.setTimeout(() => setToast((current) => (current === notice ? null : current)), 6000);
        if ('Notification' in window && Notification.permission === 'granted' && document.hidden)
          new Notification(t('notifications.newCustomerMessage', { number: item.number }), { body: item.title });
      },
      () => undefined,
    );
  });

  const unread = notices.filter((n) => !n.read).length;
  function openItem(notice: Notice) {
    setNotices((list) => list.map((n) => (n === notice ? { ...n, read: true } : n)));
    setOpen(false);
    setToast(null);
    navigate(notice.item.url);
  }

  return (
    <div className="notifications" ref={root}>
      <button
        type="button"
        className="icon-button bell"
        aria-label={t('notifications.label', { count: unread })}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => {
          setOpen(!open);
          if ('Notification' in window && Notification.permission === 'default') void Notification.requestPermission();
        }}
      >
        <Icon name="bell" size={20} />
        {unread > 0 && <span className="badge">{unread}</span>}
      </button>
      {open && (
        <div id={panelId} className="popover notifications-panel" role="group" aria-label={t('notifications.title')}>
          <div className="popover-title">{t('notifications.title')}</div>
          {notices.length === 0 ? (
            <p className="popover-empty">{t('notifications.none')}</p>
          ) : (
            <ul>
              {notices.map((notice) => (
                <li key={notice.id}>
                  <button type="button" className={notice.read ? 'menu-item' : 'menu-item is-unread'} onClick={() => openItem(notice)}>
                    <Icon name="reply" size={16} />
                    <span>
                      {t('notifications.newCustomerMessage', { number: notice.item.number })}
                      <small>{notice.item.title}</small>
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {toast && (
        <div className="toast" role="status">
          <Icon name="reply" size={18} />
          <button type="button" onClick={() => openItem(toast)}>
            <strong>{t('notifications.newCustomerMessage', { number: toast.item.number })}</strong>
            <span>{toast.item.title}</span>
          </button>
          <button type="button" className="icon-button" aria-label={t('common.close')} onClick={() => setToast(null)}>
            <Icon name="close" size={16} />
          </button>
        </div>
      )}
    </div>
  );
}
