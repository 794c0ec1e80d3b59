/** How much of an app a user may use: limited hides the app. */
export type AppLevel = 'full' | 'standard' | 'limited';

/** A signed-in person as the server describes them. */
export interface User {
  id: number;
  email: string;
  name: string;
  /** admin, manager or agent today; kept open so a newer server role does not break sign-in. */
  role: string;
  active?: boolean;
  /** The user's level per app; apps not named are at the full level. */
  app_levels?: Partial<Record<'tickets' | 'tasks' | 'timesheets' | 'customers' | 'projects', AppLevel>>;
  /** The language the user chose for its mail and the web app; null: the company's default. */
  language?: string | null;
}

/** Any failed API call: the server's error code and message, or `network_error` / `bad_response`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Seconds the server asked us to wait before trying again (Retry-After), when given. */
    readonly retryAfter: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

const BASE = '/api/v1';

// The session's anti-forgery token; the session cookie itself is HttpOnly and never seen here.
let csrfToken: string | null = null;
let sessionEnded: () => void = () => undefined;

/** Registers what to do when the server no longer knows the session (it expired or was signed out elsewhere). */
export function onSessionEnded(callback: () => void): void {
  sessionEnded = callback;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function parseRetryAfter(header: string | null): number | null {
  if (header === null || header.trim() === '') return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

async function toApiError(res: Response): Promise<ApiError> {
  const retryAfter = parseRetryAfter(res.headers.get('Retry-After'));
  const body: unknown = await res.json().catch(() => null);
  const error = isRecord(body) ? body['error'] : null;
  if (isRecord(error) && typeof error['code'] === 'string') {
    const message = typeof error['message'] === 'string' ? error['message'] : error['code'];
    return new ApiError(res.status, error['code'], message, retryAfter);
  }
  return new ApiError(res.status, `http_${res.status}`, res.statusText || `HTTP ${res.status}`, retryAfter);
}

// Reads started before the app rendered, each kept for the first request of the same path while fresh;
// `value` holds the answer once it has arrived.
const early = new Map<string, { answer: Promise<unknown>; at: number; value?: unknown }>();
const EARLY_FRESH_MS = 10_000;

/**
 * Starts the GET requests of `paths` at once, so that the app finds their answers ready (or on the way) when it
 * asks for them during its first seconds; each answer serves only the first request of its path, failures
 * included. Signing in or finding no session drops those not taken.
 */
export function readEarly(paths: readonly string[]): void {
  for (const path of paths) {
    const entry: { answer: Promise<unknown>; at: number; value?: unknown } = { answer: send('GET', path), at: performance.now() };
    entry.answer.then(
      (value) => (entry.value = value),
      () => undefined,
    );
    early.set(path, entry);
  }
}

/**
 * The answer of an early read of `path` when it has already arrived (and is still waiting to be taken), else
 * undefined; it stays there for the request that takes it. Lets a screen show that data in its first render.
 */
export function arrivedEarly<T>(path: string): T | undefined {
  const entry = early.get(path);
  return entry !== undefined && performance.now() - entry.at < EARLY_FRESH_MS ? (entry.value as T | undefined) : undefined;
}

function request(method: Method, path: string, body?: unknown): Promise<unknown> {
  const started = method === 'GET' ? early.get(path) : undefined;
  if (started === undefined) return send(method, path, body);
  early.delete(path);
  return performance.now() - started.at < EARLY_FRESH_MS ? started.answer : send(method, path, body);
}

async function send(method: Method, path: string, body?: unknown): Promise<unknown> {
  const isForm = body instanceof FormData;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined && !isForm) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken !== null) headers['X-CSRF-Token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(BASE + path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body === undefined ? {} : { body: isForm ? body : JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError(0, 'network_error', 'The server could not be reached.');
  }
  if (res.status === 401 && csrfToken !== null && path !== '/auth/login' && path !== '/auth/logout') {
    csrfToken = null;
    sessionEnded();
  }
  if (!res.ok) throw await toApiError(res);
  if (res.status === 204) return null;
  return res.json().catch(() => {
    throw new ApiError(res.status, 'bad_response', 'The server sent a response that is not JSON.');
  });
}

function isUser(value: unknown): value is User {
  return (
    isRecord(value) &&
    typeof value['id'] === 'number' &&
    typeof value['email'] === 'string' &&
    typeof value['name'] === 'string' &&
    typeof value['role'] === 'string'
  );
}

// Reads `{"user":{…},"csrf_token":"…"}`, keeps the token for later writes and returns the user.
function acceptSession(body: unknown): User {
  if (!isRecord(body) || !isUser(body['user']) || typeof body['csrf_token'] !== 'string') {
    throw new ApiError(200, 'bad_response', 'The server sent an unexpected session.');
  }
  csrfToken = body['csrf_token'];
  return body['user'];
}

/** Returns the user signed in by the session cookie, or null when there is none (401). */
export async function fetchCurrentUser(): Promise<User | null> {
  try {
    return acceptSession(await request('GET', '/me'));
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      csrfToken = null;
      early.clear();
      return null;
    }
    throw err;
  }
}

/** Signs in with email and password; the server sets the session cookie. Rejects with ApiError. */
export async function login(email: string, password: string): Promise<User> {
  early.clear();
  return acceptSession(await request('POST', '/auth/login', { email, password }));
}

/** Changes the signed-in user's own name or language and returns the user as stored. Rejects with ApiError. */
export async function updateMe(changes: { name?: string; language?: string | null }): Promise<User> {
  const body: unknown = await request('PATCH', '/me', changes);
  if (!isRecord(body) || !isUser(body['user'])) {
    throw new ApiError(200, 'bad_response', 'The server sent an unexpected user.');
  }
  return body['user'];
}

/** Ends the session on the server. A session that has already ended counts as success. */
export async function logout(): Promise<void> {
  try {
    await request('POST', '/auth/logout');
  } catch (err) {
    if (!(err instanceof ApiError && err.status === 401)) throw err;
  }
  csrfToken = null;
}

/** A page of a list endpoint. */
export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

/** The rows fetchAll asks for at a time. */
export const PAGE = 200;

/** Typed calls to /api/v1; every one rejects with ApiError. The caller vouches for the response shape. */
export const api = {
  get: <T>(path: string) => request('GET', path) as Promise<T>,
  post: <T>(path: string, body?: unknown) => request('POST', path, body) as Promise<T>,
  put: <T>(path: string, body?: unknown) => request('PUT', path, body) as Promise<T>,
  patch: <T>(path: string, body: unknown) => request('PATCH', path, body) as Promise<T>,
  del: (path: string) => request('DELETE', path).then(() => undefined),
};

/** The path of one page of a list endpoint: `limit` rows, after `cursor` (the first page without one). */
export function pageUrl(path: string, limit: number, cursor: string | null = null): string {
  const sep = path.includes('?') ? '&' : '?';
  return `${path}${sep}limit=${limit}${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;
}

/**
 * Follows `next_cursor` until the list ends, calling `onPage` with everything so far; the first page holds
 * `firstPage` rows (small, to show something at once), the others 200. Stops early once `signal` aborts.
 */
export async function fetchAll<T>(
  path: string,
  onPage?: (rows: T[]) => void,
  signal?: AbortSignal,
  firstPage = PAGE,
): Promise<T[]> {
  const rows: T[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<T> = await api.get<Page<T>>(pageUrl(path, cursor === null ? firstPage : PAGE, cursor));
    if (signal?.aborted) return rows;
    rows.push(...page.data);
    onPage?.(rows.slice());
    cursor = page.next_cursor;
  } while (cursor !== null);
  return rows;
}

/** Uploads one file (multipart) and returns its stored record, ready to attach. */
export function uploadFile(file: File): Promise<{ id: number; name: string; size: number; mime: string; url: string }> {
  const form = new FormData();
  form.append('file', file, file.name || 'pasted-file');
  return request('POST', '/files', form) as Promise<{ id: number; name: string; size: number; mime: string; url: string }>;
}
