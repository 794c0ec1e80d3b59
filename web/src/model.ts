// Shapes of the server's JSON (docs/openapi.yaml), as far as the web app reads them.

export type State = 'not_started' | 'in_progress' | 'finished';

/** A user or a team named on an item. */
export interface Party {
  kind: 'user' | 'team' | string;
  id: number;
}

export interface Item {
  id: number;
  number: number;
  type: string;
  type_id: number;
  title: string;
  description: string;
  status_id: number;
  state: State;
  priority: number;
  project_id: number | null;
  folder_id: number | null;
  parent_id: number | null;
  requesters: Party[];
  followers: Party[];
  assignees: Party[];
  due_date: string | null;
  points: number | null;
  percent_complete?: number | null;
  tags: string[];
  published: boolean;
  source: string;
  custom_fields: Record<string, unknown>;
  position: number;
  version: number;
  created_at: string;
  updated_at: string;
  url: string;
}

export interface Status {
  id: number;
  type_id: number;
  name: string;
  color: string;
  position: number;
  state: State;
}

export interface ItemType {
  id: number;
  key: string;
  name: string;
  builtin: boolean;
  position: number;
  statuses: Status[];
}

export interface Project {
  id: number;
  name: string;
  description: string;
  archived: boolean;
  private: boolean;
  portfolio_ids: number[];
  my_role: string | null;
  version: number;
}

export interface Portfolio {
  id: number;
  parent_id: number | null;
  name: string;
  description: string;
  project_ids: number[];
}

export interface TreeFolder {
  id: number;
  name: string;
  item_count: number;
  item_count_total: number;
  folders: TreeFolder[];
}

export interface TreeProject {
  id: number;
  name: string;
  archived: boolean;
  /** Its place among its siblings: in its portfolio there, among the projects outside portfolios at the top. */
  position: number;
  item_count: number;
  folders: TreeFolder[];
}

export interface TreePortfolio {
  id: number;
  name: string;
  portfolios: TreePortfolio[];
  projects: TreeProject[];
}

export interface Tree {
  portfolios: TreePortfolio[];
  projects: TreeProject[];
  items_outside_projects: number;
}

export interface Team {
  id: number;
  name: string;
  description: string;
  members: { user_id: number; name: string }[];
}

export interface Attachment {
  id: number;
  name: string;
  size: number;
  mime: string;
  url: string;
}

export interface Message {
  id: number;
  item_id: number;
  visibility: 'public' | 'internal';
  author: { kind: string; id: number | null; name: string };
  body: string;
  body_html: string;
  attachments: Attachment[];
  created_at: string;
  edited: boolean;
}

export interface ItemEvent {
  id: number;
  at: string;
  kind: string;
  actor?: { kind: string; id: number | null };
  entity_type: string;
  entity_id: number;
  payload: { changes?: Record<string, { from: unknown; to: unknown }> } & Record<string, unknown>;
}

export interface Link {
  id: number;
  kind: string;
  from_item_id: number;
  to_item_id: number;
}

export interface SearchResult {
  item: { id: number; number: number; type: string; title: string; state: State; project_id: number | null };
  matched_in: string;
  snippet: string;
}

export interface Modules {
  tickets: boolean;
  tasks: boolean;
  timesheets: boolean;
  knowledge_base: boolean;
  messenger: boolean;
  portal: boolean;
  web_forms: boolean;
}

export interface Customer {
  id: number;
  name: string;
  emails: string[];
  organization_id: number | null;
  active: boolean;
  has_password: boolean;
}

export interface Organization {
  id: number;
  name: string;
  domains: string[];
  intake_project_id: number | null;
}

export interface JoinRequest {
  id: number;
  project_id: number;
  project_name: string;
  user_id: number;
  user_name: string;
  message: string;
  state: 'pending' | 'approved' | 'denied';
}

export interface ProjectMember {
  user_id: number;
  name: string;
  role: string;
}

/** Who follows a project: an internal user, a customer or an organization. */
export interface ProjectFollower {
  party_kind: 'user' | 'customer' | 'organization';
  party_id: number;
  name: string;
}

export interface ProjectTeam {
  team_id: number;
  name: string;
  role: string;
}

export interface CustomField {
  id: number;
  scope: 'item' | 'project';
  key: string;
  name: string;
  kind: string;
  choices: string[];
  required: boolean;
}

export interface PortalSettings {
  require_login: boolean;
  allow_registration: boolean;
  visibility: Record<string, boolean>;
  item_fields: string[];
  customers_pick_project: boolean;
  default_project_id: number | null;
  auto_create_organizations: boolean;
  auto_create_intake_projects: boolean;
}

/** The web address of an item of `type` with `number`, as the server gives it in `url`. */
export function itemPath(type: string, number: number): string {
  if (type === 'ticket') return `/tickets/${number}`;
  if (type === 'task') return `/tasks/${number}`;
  return `/items/${number}`;
}

/** Who may run how many timers and whether stopped time waits for review (GET /settings/time). */
export interface TimeSettings {
  timer_concurrency: 'several_running' | 'one_running_many_paused' | 'single';
  assign_on_start: boolean;
  review_before_submit: boolean;
  billable_by_default: boolean;
  show_time_to_customers: boolean;
}

/** A running or paused timer of the signed-in user; `elapsed_seconds` is as of the response. */
export interface Timer {
  id: number;
  item_id: number;
  item_number: number;
  item_title: string;
  state: 'running' | 'paused';
  started_at: string;
  resumed_at: string | null;
  elapsed_seconds: number;
}

export type TimesheetStatus = 'draft' | 'submitted' | 'approved' | 'rejected';

export interface Timesheet {
  id: number;
  item_id: number;
  item_number: number;
  item_title: string;
  project_id: number | null;
  organization_id: number | null;
  user_id: number;
  user_name: string;
  started_at: string;
  ended_at: string;
  minutes: number;
  billable: boolean;
  hourly_rate: number;
  amount: number;
  note: string;
  status: TimesheetStatus;
  reason: string;
  decided_by: number | null;
  decided_at: string | null;
  invoiced: boolean;
  invoiced_at: string | null;
  invoice_reference: string;
  created_at: string;
  updated_at: string;
}

export interface ReportTotals {
  minutes: number;
  billable_minutes: number;
  amount: number;
  count: number;
  hours?: number;
}

/** One group of a time report, with its subgroups on the next level. */
export interface ReportGroup {
  key: number | string | null;
  label: string;
  totals: ReportTotals;
  groups?: ReportGroup[];
}

/** GET /reports/timesheets as JSON. */
export interface TimeReport {
  group_by: string[];
  totals: ReportTotals;
  groups: ReportGroup[];
}
