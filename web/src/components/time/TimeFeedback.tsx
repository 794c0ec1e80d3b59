import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useTimers } from '../../data/timers';
import { describeError } from '../../describeError';
import { formatMinutes } from '../../time/duration';
import { Icon } from '../ui/Icon';
import { TimesheetDialog } from './TimesheetDialog';

/**
 * What follows a timer's actions anywhere in the app: the timesheet form for a stopped timer's draft, a
 * note that the time went straight to approval, or why an action was refused.
 */
export function TimeFeedback() {
  const { t } = useTranslation();
  const timers = useTimers();
  const { outcome, error, clearOutcome, clearError } = timers;
  const submitted = outcome?.kind === 'submitted' ? outcome.timesheet : null;

  useEffect(() => {
    if (submitted === null && error === null) return;
    const timer = window.setTimeout(() => {
      if (submitted !== null) clearOutcome();
      else clearError();
    }, 6000);
    return () => window.clearTimeout(timer);
  }, [submitted, error, clearOutcome, clearError]);

  if (outcome?.kind === 'review') return <TimesheetDialog timesheet={outcome.timesheet} fromTimer onClose={clearOutcome} />;
  if (submitted === null && error === null) return null;
  return (
    <div className={error !== null ? 'toast toast-error' : 'toast'} role="status">
      <Icon name={error !== null ? 'alert' : 'clock'} size={18} />
      <p className="toast-text">
        {error !== null
          ? describeError(t, error)
          : t('time.feedback.submitted', { time: formatMinutes(submitted?.minutes ?? 0), number: submitted?.item_number })}
      </p>
      <button type="button" className="icon-button" aria-label={t('common.close')} onClick={error !== null ? clearError : clearOutcome}>
        <Icon name="close" size={16} />
      </button>
    </div>
  );
}
