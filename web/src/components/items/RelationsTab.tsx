import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, fetchAll } from '../../api';
import { itemByNumber } from '../../data/items';
import { describeError } from '../../describeError';
import type { Item, Link } from '../../model';
import { navigate } from '../../router';
import { Alert } from '../ui/Alert';
import { Icon } from '../ui/Icon';
import { StatusPill } from './ItemBits';

const LINK_KINDS = ['relates', 'FS', 'SS', 'FF', 'SF'] as const;

/** Subtasks (children) of the item and its links to other items, with forms to add both. */
export function RelationsTab({ item, revision }: { item: Item; revision: number }) {
  const { t } = useTranslation();
  const [children, setChildren] = useState<Item[]>([]);
  const [links, setLinks] = useState<{ link: Link; other: Item | null }[]>([]);
  const [title, setTitle] = useState('');
  const [number, setNumber] = useState('');
  const [kind, setKind] = useState<string>('relates');
  const [error, setError] = useState<unknown>(null);
  const [bump, setBump] = useState(0);

  useEffect(() => {
    fetchAll<Item>(`/items?parent_id=${item.id}&sort=number`).then(setChildren, setError);
    fetchAll<Link>(`/items/${item.id}/links`)
      .then((list) =>
        Promise.all(
          list.map(async (link) => {
            const otherId = link.from_item_id === item.id ? link.to_item_id : link.from_item_id;
            const other = await api.get<Item>(`/items/${otherId}`).catch(() => null);
            return { link, other };
          }),
        ),
      )
      .then(setLinks, setError);
  }, [item.id, revision, bump]);

  async function addSubtask(event: FormEvent) {
    event.preventDefault();
    if (title.trim() === '') return;
    setError(null);
    try {
      await api.post<Item>('/items', { type: item.type === 'ticket' ? 'task' : item.type, title, parent_id: item.id, project_id: item.project_id });
      setTitle('');
      setBump((n) => n + 1);
    } catch (err) {
      setError(err);
    }
  }

  async function addLink(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      const other = await itemByNumber(Number(number.replace('#', '')));
      if (other === null) throw new Error('not found');
      await api.post(`/items/${item.id}/links`, { kind, item_id: other.id });
      setNumber('');
      setBump((n) => n + 1);
    } catch (err) {
      setError(err);
    }
  }

  async function unlink(link: Link) {
    setError(null);
    try {
      await api.del(`/items/${item.id}/links/${link.id}`);
      setBump((n) => n + 1);
    } catch (err) {
      setError(err);
    }
  }

  const row = (other: Item) => (
    <a
      href={other.url}
      className="relation-link"
      onClick={(e) => {
        e.preventDefault();
        navigate(other.url + window.location.search);
      }}
    >
      <span className="tree-number">#{other.number}</span>
      <span className="relation-title">{other.title}</span>
      <StatusPill statusId={other.status_id} />
    </a>
  );

  return (
    <div role="tabpanel" aria-label={t('item.tabs.relations')} className="relations">
      {error !== null && <Alert message={describeError(t, error)} />}
      <h3>{t('relations.subtasks')}</h3>
      {children.length === 0 ? <p className="muted">{t('relations.noSubtasks')}</p> : <ul className="relation-list">{children.map((child) => <li key={child.id}>{row(child)}</li>)}</ul>}
      <form className="inline-form" onSubmit={addSubtask}>
        <label className="visually-hidden" htmlFor="subtask-title">
          {t('relations.newSubtask')}
        </label>
        <input id="subtask-title" value={title} placeholder={t('relations.newSubtask')} onChange={(e) => setTitle(e.target.value)} />
        <button type="submit" className="button button-secondary button-small">
          <Icon name="plus" size={14} />
          {t('relations.addSubtask')}
        </button>
      </form>
      <h3>{t('relations.links')}</h3>
      {links.length === 0 ? (
        <p className="muted">{t('relations.noLinks')}</p>
      ) : (
        <ul className="relation-list">
          {links.map(({ link, other }) => (
            <li key={link.id}>
              <span className="link-kind">{t(`relations.kinds.${link.kind}` as 'relations.kinds.relates', { defaultValue: link.kind })}</span>
              {other ? row(other) : <span className="muted">#{link.to_item_id}</span>}
              <button type="button" className="icon-button" aria-label={t('relations.unlink')} onClick={() => void unlink(link)}>
                <Icon name="close" size={14} />
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="inline-form" onSubmit={addLink}>
        <label className="visually-hidden" htmlFor="link-kind">
          {t('relations.kind')}
        </label>
        <select id="link-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
          {LINK_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`relations.kinds.${k}`)}
            </option>
          ))}
        </select>
        <label className="visually-hidden" htmlFor="link-number">
          {t('relations.itemNumber')}
        </label>
        <input id="link-number" inputMode="numeric" value={number} placeholder={t('relations.itemNumber')} onChange={(e) => setNumber(e.target.value)} />
        <button type="submit" className="button button-secondary button-small">
          {t('relations.addLink')}
        </button>
      </form>
    </div>
  );
}
