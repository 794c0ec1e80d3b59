import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, fetchAll } from '../../api';
import { itemByNumber } from '../../data/items';
import { useLiveEvents } from '../../data/live';
import { useWorkspace } from '../../data/workspace';
import { describeError } from '../../describeError';
import { useShortcut } from '../../hooks/useShortcut';
import type { Item, Message, Party } from '../../model';
import { navigate } from '../../router';
import { TimerControl } from '../time/TimerControl';
import { Alert } from '../ui/Alert';
import { Icon } from '../ui/Icon';
import { NamedOptions } from '../ui/NamedOptions';
import { Composer, type ComposerHandle } from './Composer';
import { Conversation } from './Conversation';
import { CustomFieldInput } from './CustomFieldInput';
import { HistoryTab } from './HistoryTab';
import { PartyPicker } from './PartyPicker';
import { RelationsTab } from './RelationsTab';

const TABS = ['conversation', 'history', 'relations'] as const;
type Tab = (typeof TABS)[number];

interface ItemPanelProps {
  number: number;
  onClose: () => void;
  onChanged: (item: Item) => void;
}

/** The open item, docked beside the list: properties, conversation, history, subtasks and links. */
export function ItemPanel({ number, onClose, onChanged }: ItemPanelProps) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const [item, setItem] = useState<Item | null>(null);
  const [missing, setMissing] = useState(false);
  const [messages, setMessages] = useState<Message[]>([]);
  const [tab, setTab] = useState<Tab>('conversation');
  const [error, setError] = useState<unknown>(null);
  const [editingTitle, setEditingTitle] = useState(false);
  const [full, setFull] = useState(false);
  const [revision, setRevision] = useState(0);
  const composer = useRef<ComposerHandle>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  const load = useCallback(async () => {
    try {
      const found = await itemByNumber(number);
      if (found === null) {
        setMissing(true);
        return;
      }
      setItem(found);
      setMessages(await fetchAll<Message>(`/items/${found.id}/messages`));
      setRevision((n) => n + 1);
    } catch (err) {
      setError(err);
    }
  }, [number]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    if (item !== null) heading.current?.focus({ preventScroll: true });
    // Only when another item opens, not on every reload.
  }, [item?.id]);

  useLiveEvents((event) => {
    if (event.entity_type === 'item' && event.entity_id === item?.id) void load();
  });

  // The live event of a posting reloads the conversation, so the posted message may be shown already.
  const showPosted = (posted: Message) =>
    setMessages((list) => (list.some((shown) => shown.id === posted.id) ? list : [...list, posted]));

  useShortcut('e', () => setEditingTitle(true));
  useShortcut('r', () => {
    setTab('conversation');
    composer.current?.start('public');
  });
  useShortcut('n', () => {
    setTab('conversation');
    composer.current?.start('internal');
  });

  async function change(fields: Partial<Record<keyof Item, unknown>>) {
    if (item === null) return;
    setError(null);
    try {
      const next = await api.patch<Item>(`/items/${item.id}`, fields);
      setItem(next);
      onChanged(next);
    } catch (err) {
      setError(err);
    }
  }

  async function convert(type: string) {
    if (item === null) return;
    setError(null);
    try {
      const next = await api.post<Item>(`/items/${item.id}/convert`, { type });
      onChanged(next);
      navigate(next.url + window.location.search);
    } catch (err) {
      setError(err);
    }
  }

  if (missing)
    return (
      <aside className="item-panel" aria-label={t('item.panel')}>
        <div className="panel-empty">
          <p>{t('item.notFound', { number })}</p>
          <button type="button" className="button button-ghost" onClick={onClose}>
            {t('common.close')}
          </button>
        </div>
      </aside>
    );
  if (item === null)
    return (
      <aside className="item-panel" aria-label={t('item.panel')} aria-busy="true">
        {error !== null ? <Alert message={describeError(t, error)} /> : <div className="panel-loading">{t('loading')}</div>}
      </aside>
    );

  const type = ws.types.find((candidate) => candidate.id === item.type_id);
  const convertTo = item.type === 'ticket' ? 'task' : 'ticket';
  const repliedBefore = messages.some((m) => m.visibility === 'public' && m.author.kind === 'user');
  const customerMessages = messages.filter((m) => m.author.kind === 'customer').length;

  return (
    <aside className={full ? 'item-panel is-full' : 'item-panel'} aria-label={t('item.panel')}>
      <header className="panel-head">
        <div className="panel-crumbs">
          <span className={`type-badge type-${item.type}`}>{type?.name ?? item.type}</span>
          <span className="panel-number">#{item.number}</span>
        </div>
        <div className="panel-actions">
          <TimerControl itemId={item.id} itemNumber={item.number} />
          <button
            type="button"
            className="button button-ghost button-small"
            aria-label={t(convertTo === 'task' ? 'item.convertToTask' : 'item.convertToTicket')}
            onClick={() => void convert(convertTo)}
          >
            <Icon name="convert" size={16} />
            <span className="wide-label">{t(convertTo === 'task' ? 'item.convertToTask' : 'item.convertToTicket')}</span>
          </button>
          <button type="button" className="icon-button panel-expand" aria-label={full ? t('item.dock') : t('item.fullPage')} aria-pressed={full} onClick={() => setFull(!full)}>
            <Icon name={full ? 'collapse' : 'expand'} size={18} />
          </button>
          <button type="button" className="icon-button" aria-label={t('common.close')} onClick={onClose}>
            <Icon name="close" size={18} />
          </button>
        </div>
      </header>
      <div className="panel-scroll">
        {editingTitle ? (
          <TitleEditor
            title={item.title}
            onDone={(title) => {
              setEditingTitle(false);
              if (title !== null && title.trim() !== '' && title !== item.title) void change({ title });
            }}
          />
        ) : (
          <h2 ref={heading} tabIndex={-1} className="panel-title" onDoubleClick={() => setEditingTitle(true)}>
            {item.title}
            <button type="button" className="icon-button title-edit" aria-label={t('item.editTitle')} onClick={() => setEditingTitle(true)}>
              <Icon name="pencil" size={16} />
            </button>
          </h2>
        )}
        {error !== null && <Alert message={describeError(t, error)} />}
        {customerMessages > 0 && (
          <p className="customer-note">
            <Icon name="building" size={14} /> {t('item.customerMessages', { count: customerMessages })}
          </p>
        )}
        <div className="panel-grid">
          <div className="panel-main">
            <DescriptionEditor key={item.version} text={item.description} onSave={(description) => void change({ description })} />
            <div className="tabs" role="tablist" aria-label={t('item.sections')}>
              {TABS.map((name) => (
                <button key={name} type="button" role="tab" aria-selected={tab === name} onClick={() => setTab(name)}>
                  {t(`item.tabs.${name}`)}
                  {name === 'conversation' && <span className="count">{messages.length}</span>}
                </button>
              ))}
            </div>
            {tab === 'conversation' && (
              <div role="tabpanel" aria-label={t('item.tabs.conversation')}>
                <Conversation messages={messages} />
                <Composer ref={composer} itemId={item.id} repliedBefore={repliedBefore} onPosted={showPosted} />
              </div>
            )}
            {tab === 'history' && <HistoryTab item={item} revision={revision} />}
            {tab === 'relations' && <RelationsTab item={item} revision={revision} />}
          </div>
          <Properties item={item} onChange={change} />
        </div>
      </div>
    </aside>
  );
}

function DescriptionEditor({ text, onSave }: { text: string; onSave: (text: string) => void }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(text);
  if (!editing)
    return (
      <div className="panel-description">
        {text === '' ? <span className="muted">{t('item.noDescription')}</span> : <p>{text}</p>}
        <button type="button" className="button button-ghost button-small" onClick={() => setEditing(true)}>
          <Icon name="pencil" size={14} />
          {text === '' ? t('item.addDescription') : t('item.editDescription')}
        </button>
      </div>
    );
  return (
    <form
      className="description-editor"
      onSubmit={(e) => {
        e.preventDefault();
        setEditing(false);
        if (value !== text) onSave(value);
      }}
    >
      <label className="visually-hidden" htmlFor="description-editor">
        {t('newItem.description')}
      </label>
      <textarea id="description-editor" value={value} rows={5} autoFocus onChange={(e) => setValue(e.target.value)} />
      <div className="dialog-actions">
        <button type="button" className="button button-ghost button-small" onClick={() => setEditing(false)}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="button button-primary button-small">
          {t('common.save')}
        </button>
      </div>
    </form>
  );
}

function TitleEditor({ title, onDone }: { title: string; onDone: (title: string | null) => void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(title);
  return (
    <form
      className="title-editor"
      onSubmit={(e) => {
        e.preventDefault();
        onDone(value);
      }}
    >
      <label className="visually-hidden" htmlFor="title-editor">
        {t('item.title')}
      </label>
      <input
        id="title-editor"
        value={value}
        autoFocus
        onChange={(e) => setValue(e.target.value)}
        onBlur={() => onDone(value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onDone(null);
          }
        }}
      />
    </form>
  );
}

function Properties({ item, onChange }: { item: Item; onChange: (fields: Partial<Record<keyof Item, unknown>>) => void }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const type = ws.types.find((candidate) => candidate.id === item.type_id);
  const parties = (key: 'assignees' | 'requesters' | 'followers', label: string) => (
    <PartyPicker label={label} parties={item[key]} onChange={(list: Party[]) => onChange({ [key]: list })} />
  );
  return (
    <section className="properties" aria-label={t('item.properties')}>
      <label className="prop">
        <span className="prop-label">{t('items.status')}</span>
        <select value={item.status_id} onChange={(e) => onChange({ status_id: Number(e.target.value) })}>
          {type?.statuses.map((status) => (
            <option key={status.id} value={status.id}>
              {status.name}
            </option>
          ))}
        </select>
      </label>
      <label className="prop">
        <span className="prop-label">{t('items.columns.priority')}</span>
        <select value={item.priority} onChange={(e) => onChange({ priority: Number(e.target.value) })}>
          {[0, 1, 2, 3, 4, 5].map((p) => (
            <option key={p} value={p}>
              {p === 0 ? t('items.noPriority') : t(`items.priorities.${p}` as 'items.priorities.1')}
            </option>
          ))}
        </select>
      </label>
      <label className="prop">
        <span className="prop-label">{t('items.project')}</span>
        <select
          value={item.project_id ?? ''}
          onChange={(e) => onChange({ project_id: e.target.value === '' ? null : Number(e.target.value), folder_id: null })}
        >
          <option value="">{t('items.noProject')}</option>
          <NamedOptions of={ws.projects} />
        </select>
      </label>
      {parties('assignees', t('item.assignees'))}
      {parties('requesters', t('item.requesters'))}
      {parties('followers', t('item.followers'))}
      <label className="prop">
        <span className="prop-label">{t('item.dueDate')}</span>
        <input type="date" value={item.due_date ?? ''} onChange={(e) => onChange({ due_date: e.target.value === '' ? null : e.target.value })} />
      </label>
      <label className="prop">
        <span className="prop-label">{t('items.points')}</span>
        <input
          type="number"
          min={0}
          step="any"
          defaultValue={item.points ?? ''}
          key={`points${item.version}`}
          onBlur={(e) => {
            const value = e.target.value === '' ? null : Number(e.target.value);
            if (value !== item.points) onChange({ points: value });
          }}
        />
      </label>
      <label className="prop">
        <span className="prop-label">{t('item.tags')}</span>
        <input
          defaultValue={item.tags.join(', ')}
          key={`tags${item.version}`}
          placeholder={t('item.tagsPlaceholder')}
          onBlur={(e) => {
            const tags = e.target.value.split(',').map((tag) => tag.trim()).filter(Boolean);
            if (tags.join(',') !== item.tags.join(',')) onChange({ tags });
          }}
        />
      </label>
      {ws.itemFields.map((field) => (
        <CustomFieldInput
          key={field.id}
          field={field}
          value={item.custom_fields[field.key]}
          onSave={(value) => onChange({ custom_fields: { [field.key]: value } })}
        />
      ))}
      <p className="prop-meta">
        {t('item.created', { date: new Date(item.created_at).toLocaleString() })}
      </p>
    </section>
  );
}

