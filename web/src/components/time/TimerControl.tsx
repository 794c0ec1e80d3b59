import type { MouseEvent } from 'react';
import { elapsedSeconds, useNow, useTimers } from '../../data/timers';
import { useSharedTranslation } from '../../i18n';
import { formatClock } from '../../time/duration';
import { Icon } from '../ui/Icon';
import '../../styles/timer.css';

interface TimerControlProps {
  itemId: number;
  itemNumber: number;
  /** A single round button for list rows: start, or the running clock that pauses it. */
  compact?: boolean;
}

/** Start, pause, resume and stop the user's timer on one item, with its live clock. */
export function TimerControl({ itemId, itemNumber, compact = false }: TimerControlProps) {
  const { t } = useSharedTranslation();
  const timers = useTimers();
  const timer = timers.timers.find((candidate) => candidate.item_id === itemId);
  const now = useNow(timer?.state === 'running');
  if (!timers.enabled) return null;
  const stopClick = (event: MouseEvent) => event.stopPropagation();

  if (timer === undefined)
    return compact ? (
      <button
        type="button"
        className="timer-start-compact"
        aria-label={t('time.timer.startOn', { number: itemNumber })}
        title={t('time.timer.start')}
        onClick={(event) => {
          stopClick(event);
          void timers.start(itemId);
        }}
      >
        <Icon name="play" size={12} />
      </button>
    ) : (
      <button
        type="button"
        className="button button-secondary button-small timer-start"
        aria-label={t('time.timer.start')}
        onClick={() => void timers.start(itemId)}
      >
        <Icon name="play" size={14} />
        <span className="wide-label">{t('time.timer.start')}</span>
      </button>
    );

  const running = timer.state === 'running';
  const clock = formatClock(elapsedSeconds(timer, now));
  if (compact)
    return (
      <button
        type="button"
        className={running ? 'timer-compact is-running' : 'timer-compact'}
        aria-label={t(running ? 'time.timer.pauseOn' : 'time.timer.resumeOn', { number: itemNumber })}
        onClick={(event) => {
          stopClick(event);
          void (running ? timers.pause(timer) : timers.resume(timer));
        }}
      >
        <Icon name={running ? 'pause' : 'play'} size={10} />
        <span className="timer-clock">{clock}</span>
      </button>
    );

  return (
    <div className={running ? 'timer-control is-running' : 'timer-control'} role="group" aria-label={t('time.timer.label')}>
      <span className="timer-dot" aria-hidden="true" />
      <span className="timer-clock" role="timer" aria-label={t(running ? 'time.timer.runningFor' : 'time.timer.pausedAt', { time: clock })}>
        {clock}
      </span>
      {running ? (
        <button type="button" className="timer-action" aria-label={t('time.timer.pause')} title={t('time.timer.pause')} onClick={() => void timers.pause(timer)}>
          <Icon name="pause" size={14} />
        </button>
      ) : (
        <button type="button" className="timer-action" aria-label={t('time.timer.resume')} title={t('time.timer.resume')} onClick={() => void timers.resume(timer)}>
          <Icon name="play" size={14} />
        </button>
      )}
      <button type="button" className="timer-action timer-stop" aria-label={t('time.timer.stop')} title={t('time.timer.stop')} onClick={() => void timers.stop(timer)}>
        <Icon name="stop" size={14} />
      </button>
    </div>
  );
}
