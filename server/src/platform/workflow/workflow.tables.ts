import type { DateString, Timestamp } from '../db/schema.js';

/** How a legal time limit is counted: working days (法定节假日与调休) or calendar days with roll-forward. */
export type DueKind = 'working' | 'calendar';

/** Lifecycle of a process instance, independent of its process-specific state. */
export type InstanceStatus = 'active' | 'completed' | 'withdrawn' | 'terminated';

/** One running (or finished) process: a licence application, a 注销 approval, an objection … */
export interface WfInstanceTable {
  id: string;
  process_key: string;
  business_type: string;
  business_id: string;
  title: string;
  state: string;
  /** GB/T 2260 code of the business record; the data scope looks at it. */
  region_code: string;
  /** Owning / handling organisation. */
  org_id: string;
  applicant_user_id: string | null;
  applicant_org_id: string | null;
  /** Set after a transfer or a claim; only this user may then take the handling actions. */
  assignee_user_id: string | null;
  due_date: DateString | null;
  due_kind: DueKind | null;
  state_entered_at: Timestamp;
  /** JSON text: days already consumed per clock name, so timers survive a return. */
  clock: string;
  status: InstanceStatus;
  /** Optimistic lock: every transition increments it. */
  version: number;
  completed_at: Timestamp | null;
  created_at: Timestamp;
  created_by: string | null;
  updated_at: Timestamp;
  updated_by: string | null;
}

/** One transition of an instance, shown as the timeline. Append-only. */
export interface WfHistoryTable {
  id: string;
  instance_id: string;
  seq: number;
  action: string;
  action_label: string;
  /** 'start' or an ActionKind of workflow.definition.ts. */
  action_kind: string;
  from_state: string | null;
  to_state: string;
  actor_user_id: string | null;
  actor_name: string | null;
  actor_org_name: string | null;
  comment: string | null;
  /** JSON text: array of file ids. */
  attachments: string | null;
  /** The user the task went to (transfer, claim, return to the previous handler). */
  assignee_after: string | null;
  at: Timestamp;
  due_date_after: DateString | null;
}

/** Tables of the workflow migration. */
export interface WorkflowTables {
  wf_instance: WfInstanceTable;
  wf_history: WfHistoryTable;
}
