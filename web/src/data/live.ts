import { useEffect, useRef, useSyncExternalStore } from 'react';
import type { ItemEvent } from '../model';

/** Whether the live feed is connected right now. */
export type LiveStatus = 'connecting' | 'live' | 'offline';

type Listener = (event: ItemEvent) => void;

const listeners = new Set<Listener>();
const statusListeners = new Set<() => void>();
let status: LiveStatus = 'offline';
let socket: WebSocket | null = null;
let retryTimer: number | undefined;
let retries = 0;
let wanted = false;

function setStatus(next: LiveStatus): void {
  status = next;
  statusListeners.forEach((listener) => listener());
}

function connect(): void {
  setStatus('connecting');
  const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/v1/live`);
  socket = ws;
  ws.onmessage = (message) => {
    let frame: unknown;
    try {
      frame = JSON.parse(String(message.data));
    } catch {
      return;
    }
    if (typeof frame !== 'object' || frame === null) return;
    const { type, event } = frame as { type?: string; event?: ItemEvent };
    if (type === 'hello') {
      retries = 0;
      setStatus('live');
    } else if (type === 'event' && event) listeners.forEach((listener) => listener(event));
  };
  ws.onclose = () => {
    if (socket !== ws) return;
    socket = null;
    setStatus('offline');
    if (!wanted) return;
    // Back off up to half a minute so a restarting server is not hammered.
    retryTimer = window.setTimeout(connect, Math.min(30_000, 1000 * 2 ** retries++));
  };
}

/** Opens the live feed (WebSocket /api/v1/live) and keeps it open, reconnecting after drops, until `stopLive`. */
export function startLive(): void {
  wanted = true;
  if (socket === null && retryTimer === undefined) connect();
}

/** Closes the live feed (on sign-out). */
export function stopLive(): void {
  wanted = false;
  window.clearTimeout(retryTimer);
  retryTimer = undefined;
  const ws = socket;
  socket = null;
  ws?.close();
  setStatus('offline');
}

/** The live feed's connection state, re-rendering on change. */
export function useLiveStatus(): LiveStatus {
  return useSyncExternalStore(
    (listener) => {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    () => status,
  );
}

/** Calls the latest `onEvent` for every live event while the caller is mounted. */
export function useLiveEvents(onEvent: Listener): void {
  const latest = useRef(onEvent);
  latest.current = onEvent;
  useEffect(() => {
    const listener: Listener = (event) => latest.current(event);
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, []);
}
