import { useEffect, useRef, useState, type DragEvent, type PointerEvent } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { partyName, useWorkspace } from '../../data/workspace';
import { WriteQueue } from '../../data/writeQueue';
import { describeError } from '../../describeError';
import { useSharedTranslation } from '../../i18n';
import type { Item, ItemType, Status } from '../../model';
import { Alert } from '../ui/Alert';
import { Avatar } from '../ui/Avatar';
import { Icon } from '../ui/Icon';
import { VirtualList } from '../ui/VirtualList';
import { ITEM_DRAG_TYPE, PriorityBadge } from './ItemBits';

interface StatusBoardProps {
  type: ItemType;
  items: Item[];
  openNumber: number;
  onOpen: (item: Item) => void;
  onChanged: (item: Item) => void;
}

const CARD_HEIGHT = 118;

/** A card carried by a finger or pen: which item, and where the pointer is now. */
interface Carried {
  item: Item;
  x: number;
  y: number;
}

/** The status of the board column under the point, if any. */
function statusAt(statuses: Status[], x: number, y: number): Status | undefined {
  const column = document.elementFromPoint(x, y)?.closest<HTMLElement>('[data-status-id]');
  return statuses.find((status) => String(status.id) === column?.dataset['statusId']);
}

/**
 * The status board: a column per status of `type`; dropping a card on a column changes the item's status.
 * A mouse drags the card itself; a finger or pen drags it by its grip (HTML drag and drop does not fire on
 * touch screens), and Shift+←/→ moves a focused card.
 */
export function StatusBoard({ type, items, openNumber, onOpen, onChanged }: StatusBoardProps) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const [over, setOver] = useState<number | null>(null);
  // The card moved with the keyboard keeps the focus in its new column.
  const [focusId, setFocusId] = useState<number | null>(null);
  const [carried, setCarried] = useState<Carried | null>(null);
  const [writes] = useState(() => new WriteQueue<Item>());
  const ofType = items.filter((item) => item.type_id === type.id);
  const statuses = type.statuses.slice().sort((a, b) => a.position - b.position);

  async function move(item: Item, status: Status) {
    if (item.status_id === status.id) return;
    setError(null);
    onChanged({ ...item, status_id: status.id, state: status.state });
    try {
      await writes.push(item.id, () => api.patch<Item>(`/items/${item.id}`, { status_id: status.id }), onChanged);
    } catch (err) {
      onChanged(item);
      setError(err);
    }
  }

  function drop(event: DragEvent, status: Status) {
    event.preventDefault();
    setOver(null);
    const id = Number(event.dataTransfer.getData(ITEM_DRAG_TYPE) || event.dataTransfer.getData('text/plain'));
    const item = ofType.find((candidate) => candidate.id === id);
    if (item) void move(item, status);
  }

  // The grip of a card follows the pointer (captured, so the events keep coming outside the card).
  const gripHandlers = (item: Item) => ({
    onPointerDown: (event: PointerEvent<HTMLElement>) => {
      if (event.pointerType === 'mouse' && event.button !== 0) return;
      event.preventDefault();
      event.stopPropagation();
      event.currentTarget.setPointerCapture(event.pointerId);
      setCarried({ item, x: event.clientX, y: event.clientY });
    },
    onPointerMove: (event: PointerEvent<HTMLElement>) => {
      if (!event.currentTarget.hasPointerCapture(event.pointerId)) return;
      setCarried({ item, x: event.clientX, y: event.clientY });
      setOver(statusAt(statuses, event.clientX, event.clientY)?.id ?? null);
    },
    onPointerUp: (event: PointerEvent<HTMLElement>) => {
      if (!event.currentTarget.hasPointerCapture(event.pointerId)) return;
      const status = statusAt(statuses, event.clientX, event.clientY);
      setCarried(null);
      setOver(null);
      if (status) void move(item, status);
    },
    onPointerCancel: () => {
      setCarried(null);
      setOver(null);
    },
  });

  return (
    <>
      {error !== null && <Alert message={describeError(t, error)} />}
      {carried &&
        createPortal(
          <div className="card card-carried" style={{ left: carried.x, top: carried.y }} aria-hidden="true">
            <span className="card-number">#{carried.item.number}</span>
            <p className="card-title">{carried.item.title}</p>
          </div>,
          document.body,
        )}
      <div className="board" aria-label={t('items.views.board')}>
        {statuses.map((status) => {
          const cards = ofType.filter((item) => item.status_id === status.id);
          return (
            <section
              key={status.id}
              className={over === status.id ? 'board-column is-over' : 'board-column'}
              aria-label={status.name}
              data-status={status.name}
              data-status-id={status.id}
              onDragOver={(event) => {
                event.preventDefault();
                event.dataTransfer.dropEffect = 'move';
                setOver(status.id);
              }}
              onDragLeave={() => setOver(null)}
              onDrop={(event) => drop(event, status)}
            >
              <header className="board-column-head" style={{ ['--status' as string]: status.color }}>
                <span className="status-dot" aria-hidden="true" />
                <h2>{status.name}</h2>
                <span className="count">{cards.length}</span>
              </header>
              <VirtualList
                className="board-cards"
                count={cards.length}
                rowHeight={CARD_HEIGHT}
                renderRow={(index) => {
                  const item = cards[index];
                  if (!item) return null;
                  const step = (delta: number) => {
                    const next = statuses[statuses.findIndex((s) => s.id === item.status_id) + delta];
                    if (!next) return;
                    setFocusId(item.id);
                    void move(item, next);
                  };
                  return (
                    <Card
                      item={item}
                      open={item.number === openNumber}
                      focus={item.id === focusId}
                      carried={carried?.item.id === item.id}
                      onOpen={onOpen}
                      onStep={step}
                      grip={gripHandlers(item)}
                    />
                  );
                }}
              />
            </section>
          );
        })}
      </div>
    </>
  );
}

interface CardProps {
  item: Item;
  open: boolean;
  /** Takes the focus when it appears (after a keyboard move). */
  focus: boolean;
  onOpen: (item: Item) => void;
  /** Moves the item to the previous (-1) or next (+1) status: Shift+← and Shift+→ on a focused card. */
  onStep: (delta: number) => void;
  /** Whether a finger or pen is carrying it now. */
  carried: boolean;
  /** The pointer handlers of its grip. */
  grip: Record<`onPointer${string}`, (event: PointerEvent<HTMLElement>) => void>;
}

function Card({ item, open, focus, carried, onOpen, onStep, grip }: CardProps) {
  const { t } = useSharedTranslation();
  const self = useRef<HTMLElement>(null);
  useEffect(() => {
    if (focus) self.current?.focus();
  }, [focus, item.status_id]);
  const ws = useWorkspace();
  const project = item.project_id === null ? null : ws.projectById.get(item.project_id);
  return (
    <article
      ref={self}
      className={['card', open && 'is-open', carried && 'is-carried'].filter(Boolean).join(' ')}
      draggable
      tabIndex={0}
      aria-label={`#${item.number} ${item.title}`}
      data-item={item.number}
      onDragStart={(event) => {
        event.dataTransfer.setData(ITEM_DRAG_TYPE, String(item.id));
        event.dataTransfer.setData('text/plain', String(item.id));
        event.dataTransfer.effectAllowed = 'move';
      }}
      onClick={() => onOpen(item)}
      aria-keyshortcuts="Shift+ArrowLeft Shift+ArrowRight"
      onKeyDown={(event) => {
        if (event.key === 'Enter') onOpen(item);
        else if (event.shiftKey && (event.key === 'ArrowLeft' || event.key === 'ArrowRight')) {
          event.preventDefault();
          onStep(event.key === 'ArrowLeft' ? -1 : 1);
        }
      }}
    >
      <div className="card-top">
        <span className="card-number">#{item.number}</span>
        {project && <span className="card-project">{project.name}</span>}
        <span className="card-grip" title={t('items.dragCard')} onClick={(event) => event.stopPropagation()} {...grip}>
          <Icon name="grip" size={18} />
        </span>
      </div>
      <p className="card-title">{item.title}</p>
      <div className="card-bottom">
        {item.priority > 0 && <PriorityBadge priority={item.priority} />}
        {item.points !== null && (
          <span className="points" title={t('items.points')}>
            {item.points} {t('items.pointsShort')}
          </span>
        )}
        <span className="card-assignees">
          {item.assignees.slice(0, 3).map((party) => (
            <span key={`${party.kind}${party.id}`} title={partyName(ws, party)}>
              <Avatar name={partyName(ws, party)} size={22} />
            </span>
          ))}
        </span>
      </div>
    </article>
  );
}
