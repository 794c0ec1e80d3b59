import { forwardRef, useImperativeHandle, useRef, useState, type ClipboardEvent, type DragEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, uploadFile } from '../../api';
import { describeError } from '../../describeError';
import type { Attachment, Message } from '../../model';
import { Alert } from '../ui/Alert';
import { Dialog } from '../ui/Dialog';
import { Icon } from '../ui/Icon';
import { formatSize } from './Conversation';

export type Visibility = 'public' | 'internal';

/** Lets shortcuts open the composer in a mode. */
export interface ComposerHandle {
  start: (mode: Visibility) => void;
}

interface ComposerProps {
  itemId: number;
  /** True once an agent has replied publicly: only the first public reply asks for confirmation. */
  repliedBefore: boolean;
  onPosted: (message: Message) => void;
}

/** The reply box: "Reply to customer" and "Internal note" look different, and the first public reply asks first. */
export const Composer = forwardRef<ComposerHandle, ComposerProps>(function Composer({ itemId, repliedBefore, onPosted }, ref) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<Visibility>('public');
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<Attachment[]>([]);
  const [uploading, setUploading] = useState(0);
  const [pending, setPending] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const text = useRef<HTMLTextAreaElement>(null);
  const picker = useRef<HTMLInputElement>(null);

  useImperativeHandle(ref, () => ({
    start(next) {
      setMode(next);
      text.current?.focus();
    },
  }));

  async function add(list: FileList | File[]) {
    const chosen = Array.from(list);
    if (chosen.length === 0) return;
    setError(null);
    setUploading((n) => n + chosen.length);
    for (const file of chosen) {
      try {
        const stored = await uploadFile(file);
        setFiles((current) => [...current, stored]);
      } catch (err) {
        setError(err);
      } finally {
        setUploading((n) => n - 1);
      }
    }
  }

  async function send() {
    setConfirming(false);
    setPending(true);
    setError(null);
    try {
      const message = await api.post<Message>(`/items/${itemId}/messages`, {
        body,
        visibility: mode,
        file_ids: files.map((file) => file.id),
      });
      setBody('');
      setFiles([]);
      onPosted(message);
    } catch (err) {
      setError(err);
    } finally {
      setPending(false);
    }
  }

  function submit(event?: FormEvent) {
    event?.preventDefault();
    if ((body.trim() === '' && files.length === 0) || pending || uploading > 0) return;
    if (mode === 'public' && !repliedBefore) setConfirming(true);
    else void send();
  }

  function drop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    void add(event.dataTransfer.files);
  }

  function paste(event: ClipboardEvent) {
    if (event.clipboardData.files.length > 0) {
      event.preventDefault();
      void add(event.clipboardData.files);
    }
  }

  const isPublic = mode === 'public';
  return (
    <form
      className={`composer composer-${mode}${dragging ? ' is-dragging' : ''}`}
      onSubmit={submit}
      onDragOver={(event) => {
        if (event.dataTransfer.types.includes('Files')) {
          event.preventDefault();
          setDragging(true);
        }
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={drop}
      aria-label={isPublic ? t('conversation.replyToCustomer') : t('conversation.internalNote')}
    >
      <div className="composer-modes" role="tablist" aria-label={t('conversation.mode')}>
        <button type="button" role="tab" aria-selected={isPublic} className="mode-public" onClick={() => setMode('public')}>
          <Icon name="reply" size={16} />
          {t('conversation.replyToCustomer')}
        </button>
        <button type="button" role="tab" aria-selected={!isPublic} className="mode-internal" onClick={() => setMode('internal')}>
          <Icon name="lock" size={16} />
          {t('conversation.internalNote')}
        </button>
      </div>
      <p className="composer-hint">
        <Icon name={isPublic ? 'eye' : 'lock'} size={14} />
        {isPublic ? t('conversation.publicHint') : t('conversation.internalHint')}
      </p>
      <label className="visually-hidden" htmlFor={`composer-${itemId}`}>
        {isPublic ? t('conversation.replyLabel') : t('conversation.noteLabel')}
      </label>
      <textarea
        id={`composer-${itemId}`}
        ref={text}
        value={body}
        rows={4}
        placeholder={isPublic ? t('conversation.replyPlaceholder') : t('conversation.notePlaceholder')}
        onChange={(e) => setBody(e.target.value)}
        onPaste={paste}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit();
        }}
      />
      {(files.length > 0 || uploading > 0) && (
        <ul className="staged-files" aria-label={t('conversation.attachments')}>
          {files.map((file) => (
            <li key={file.id} className="chip">
              <Icon name="paperclip" size={14} />
              {file.name} <span className="file-size">{formatSize(file.size)}</span>
              <button
                type="button"
                className="chip-remove"
                aria-label={t('conversation.removeFile', { name: file.name })}
                onClick={() => setFiles((current) => current.filter((f) => f !== file))}
              >
                <Icon name="close" size={12} />
              </button>
            </li>
          ))}
          {uploading > 0 && <li className="chip is-uploading">{t('conversation.uploading', { count: uploading })}</li>}
        </ul>
      )}
      <Alert message={error === null ? null : describeError(t, error)} />
      <div className="composer-actions">
        <button type="button" className="button button-ghost button-small" onClick={() => picker.current?.click()}>
          <Icon name="paperclip" size={16} />
          {t('conversation.attach')}
        </button>
        <input
          ref={picker}
          type="file"
          multiple
          hidden
          aria-label={t('conversation.attach')}
          onChange={(e) => {
            if (e.target.files) void add(e.target.files);
            e.target.value = '';
          }}
        />
        <span className="drop-hint">{t('conversation.dropHint')}</span>
        <button type="submit" className={isPublic ? 'button button-primary' : 'button button-note'} disabled={pending}>
          {isPublic ? t('conversation.sendReply') : t('conversation.addNote')}
        </button>
      </div>
      {confirming && (
        <Dialog
          title={t('conversation.confirmTitle')}
          onClose={() => setConfirming(false)}
          actions={
            <>
              <button type="button" className="button button-ghost" onClick={() => setConfirming(false)}>
                {t('common.cancel')}
              </button>
              <button type="button" className="button button-primary" onClick={() => void send()} autoFocus>
                {t('conversation.confirmSend')}
              </button>
            </>
          }
        >
          <p>{t('conversation.confirmText')}</p>
        </Dialog>
      )}
    </form>
  );
});
