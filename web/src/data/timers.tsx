import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError } from '../api';
import type { Timer, Timesheet, TimeSettings } from '../model';
import { useLiveEvents } from './live';

/** A timer with the moment (client clock) its `elapsed_seconds` was read, so it can keep counting. */
export interface LiveTimer extends Timer {
  readAt: number;
}

/** What stopping a timer led to: a draft to review in the timesheet form, or time already submitted. */
export type StopOutcome = { kind: 'review'; timesheet: Timesheet } | { kind: 'submitted'; timesheet: Timesheet };

/** The signed-in user's timers and the actions on them, for every screen. */
export interface Timers {
  /** False when the timesheets module is off or the user's level hides it: no timer controls then. */
  enabled: boolean;
  timers: LiveTimer[];
  settings: TimeSettings | null;
  /** The latest failed action, until the next one. */
  error: unknown;
  /** The stopped timer's timesheet waiting for the form, or the last one submitted directly. */
  outcome: StopOutcome | null;
  clearOutcome: () => void;
  start: (itemId: number) => Promise<void>;
  pause: (timer: Timer) => Promise<void>;
  resume: (timer: Timer) => Promise<void>;
  stop: (timer: Timer) => Promise<void>;
  clearError: () => void;
}

const Context = createContext<Timers | null>(null);

const stamp = (timer: Timer): LiveTimer => ({ ...timer, readAt: Date.now() });

/** Seconds measured by `timer` at `now` (client milliseconds). */
export function elapsedSeconds(timer: LiveTimer, now: number): number {
  return timer.elapsed_seconds + (timer.state === 'running' ? Math.max(0, (now - timer.readAt) / 1000) : 0);
}

/** Loads the user's timers when `enabled`, keeps them current by live events and provides them to `children`. */
export function TimersProvider({ enabled, children }: { enabled: boolean; children: ReactNode }) {
  const [timers, setTimers] = useState<LiveTimer[]>([]);
  const [settings, setSettings] = useState<TimeSettings | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [outcome, setOutcome] = useState<StopOutcome | null>(null);

  const refresh = useCallback(() => {
    if (!enabled) return;
    api.get<{ data: Timer[] }>('/timers').then(
      (page) => setTimers(page.data.map(stamp)),
      () => undefined,
    );
  }, [enabled]);

  useEffect(() => {
    if (!enabled) {
      setTimers([]);
      return;
    }
    refresh();
    api.get<TimeSettings>('/settings/time').then(setSettings, () => setSettings(null));
  }, [enabled, refresh]);

  // Timers started or stopped in another tab or window show up here too.
  useLiveEvents((event) => {
    if (event.entity_type === 'timer') refresh();
  });

  const act = useCallback(
    async (action: () => Promise<unknown>) => {
      setError(null);
      try {
        await action();
      } catch (err) {
        setError(err);
        // A timer stopped elsewhere answers 404 here: show the list as it is now.
        if (err instanceof ApiError && (err.status === 404 || err.status === 409)) refresh();
      }
    },
    [refresh],
  );

  const value = useMemo<Timers>(
    () => ({
      enabled,
      timers,
      settings,
      error,
      outcome,
      clearOutcome: () => setOutcome(null),
      clearError: () => setError(null),
      start: (itemId) =>
        act(async () => {
          await api.post<Timer>('/timers', { item_id: itemId });
          // Starting one may pause another (one running, many paused): read them all back.
          const page = await api.get<{ data: Timer[] }>('/timers');
          setTimers(page.data.map(stamp));
        }),
      pause: (timer) =>
        act(async () => {
          const next = await api.post<Timer>(`/timers/${timer.id}/pause`);
          setTimers((list) => list.map((t) => (t.id === next.id ? stamp(next) : t)));
        }),
      resume: (timer) =>
        act(async () => {
          await api.post<Timer>(`/timers/${timer.id}/resume`);
          const page = await api.get<{ data: Timer[] }>('/timers');
          setTimers(page.data.map(stamp));
        }),
      stop: (timer) =>
        act(async () => {
          const timesheet = await api.post<Timesheet>(`/timers/${timer.id}/stop`);
          setTimers((list) => list.filter((t) => t.id !== timer.id));
          setOutcome({ kind: timesheet.status === 'draft' ? 'review' : 'submitted', timesheet });
        }),
    }),
    [enabled, timers, settings, error, outcome, act],
  );

  return <Context.Provider value={value}>{children}</Context.Provider>;
}

/** The timers of the signed-in user; only inside TimersProvider. */
export function useTimers(): Timers {
  const value = useContext(Context);
  if (value === null) throw new Error('useTimers outside TimersProvider');
  return value;
}

/** The current time in milliseconds, re-rendering the caller every second while `ticking`. */
export function useNow(ticking: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!ticking) return;
    setNow(Date.now());
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [ticking]);
  return now;
}
