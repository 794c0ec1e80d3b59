import { useTranslation } from 'react-i18next';
import type { Message } from '../../model';
import { Avatar } from '../ui/Avatar';
import { Icon } from '../ui/Icon';
import { relativeTime } from '../../time/relativeTime';

/** The messages of an item, oldest first; internal notes look unlike public replies. */
export function Conversation({ messages }: { messages: Message[] }) {
  const { t, i18n } = useTranslation();
  if (messages.length === 0) return <p className="conversation-empty">{t('conversation.empty')}</p>;
  return (
    <ol className="conversation" aria-label={t('conversation.title')}>
      {messages.map((message) => (
        <li key={message.id} className={`message message-${message.visibility} author-${message.author.kind}`}>
          <Avatar name={message.author.name || '?'} size={32} />
          <div className="message-body">
            <div className="message-meta">
              <strong>{message.author.name}</strong>
              <span className={`visibility-tag visibility-${message.visibility}`}>
                <Icon name={message.visibility === 'internal' ? 'lock' : 'reply'} size={12} />
                {message.visibility === 'internal' ? t('conversation.internalNote') : t('conversation.publicReply')}
              </span>
              <time dateTime={message.created_at} title={new Date(message.created_at).toLocaleString(i18n.language)}>
                {relativeTime(message.created_at, i18n.language)}
              </time>
              {message.edited && <span className="edited">{t('conversation.edited')}</span>}
            </div>
            {/* body_html is rendered safely by the server (no raw HTML, no script links). */}
            <div className="message-text" dangerouslySetInnerHTML={{ __html: message.body_html }} />
            {message.attachments.length > 0 && (
              <ul className="attachments">
                {message.attachments.map((file) => (
                  <li key={file.id}>
                    <a href={file.url} target="_blank" rel="noreferrer">
                      <Icon name="paperclip" size={14} />
                      {file.name}
                    </a>
                    <span className="file-size">{formatSize(file.size)}</span>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </li>
      ))}
    </ol>
  );
}

/** A byte count for people: "12 KB". */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
