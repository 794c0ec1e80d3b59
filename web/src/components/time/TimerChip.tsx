import { useCallback, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { elapsedSeconds, useNow, useTimers, type LiveTimer } from '../../data/timers';
import { useDismiss } from '../../hooks/useDismiss';
import type { Item } from '../../model';
import { navigate } from '../../router';
import { formatClock } from '../../time/duration';
import { Icon } from '../ui/Icon';
import '../../styles/timer.css';

/** The top bar's clock of the user's timers: the running one's time, and a list of all with their controls. */
export function TimerChip() {
  const { t } = useTranslation();
  const timers = useTimers();
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  useDismiss(open, close, root);
  const running = timers.timers.filter((timer) => timer.state === 'running');
  const now = useNow(running.length > 0);
  if (!timers.enabled || timers.timers.length === 0) return null;

  const shown = running[0] ?? timers.timers[0];
  const clock = shown ? formatClock(elapsedSeconds(shown, now)) : '';
  const label =
    running.length > 0
      ? t('time.chip.running', { count: timers.timers.length, time: clock })
      : t('time.chip.paused', { count: timers.timers.length });

  async function openItem(timer: LiveTimer) {
    setOpen(false);
    const item = await api.get<Item>(`/items/${timer.item_id}`).catch(() => null);
    if (item) navigate(item.url + window.location.search);
  }

  return (
    <div className="timer-chip-wrap" ref={root}>
      <button
        type="button"
        className={running.length > 0 ? 'timer-chip is-running' : 'timer-chip'}
        aria-label={label}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
      >
        <span className="timer-dot" aria-hidden="true" />
        <span className="timer-clock">{running.length > 0 ? clock : t('time.chip.pausedShort')}</span>
        {timers.timers.length > 1 && <span className="timer-chip-count">{timers.timers.length}</span>}
      </button>
      {open && (
        <div id={panelId} className="popover timers-panel" role="group" aria-label={t('time.chip.title')}>
          <div className="popover-title">{t('time.chip.title')}</div>
          <ul>
            {timers.timers.map((timer) => {
              const isRunning = timer.state === 'running';
              return (
                <li key={timer.id} className={isRunning ? 'timer-entry is-running' : 'timer-entry'}>
                  <button type="button" className="timer-entry-item" onClick={() => void openItem(timer)}>
                    <span className="timer-entry-number">#{timer.item_number}</span>
                    <span className="timer-entry-title">{timer.item_title}</span>
                  </button>
                  <span className="timer-clock">{formatClock(elapsedSeconds(timer, now))}</span>
                  <span className="timer-entry-actions">
                    {isRunning ? (
                      <button type="button" className="timer-action" aria-label={t('time.timer.pauseOn', { number: timer.item_number })} onClick={() => void timers.pause(timer)}>
                        <Icon name="pause" size={14} />
                      </button>
                    ) : (
                      <button type="button" className="timer-action" aria-label={t('time.timer.resumeOn', { number: timer.item_number })} onClick={() => void timers.resume(timer)}>
                        <Icon name="play" size={14} />
                      </button>
                    )}
                    <button
                      type="button"
                      className="timer-action timer-stop"
                      aria-label={t('time.timer.stopOn', { number: timer.item_number })}
                      onClick={() => {
                        setOpen(false);
                        void timers.stop(timer);
                      }}
                    >
                      <Icon name="stop" size={14} />
                    </button>
                  </span>
                </li>
              );
            })}
          </ul>
          <a
            className="timers-panel-link"
            href="/timesheets"
            onClick={(event) => {
              event.preventDefault();
              setOpen(false);
              navigate('/timesheets');
            }}
          >
            <Icon name="clock" size={16} />
            {t('time.chip.allTime')}
          </a>
        </div>
      )}
    </div>
  );
}
