import type { AuditEntry, KillSwitch, KillTargetKind } from '../routing/policies/kill-switch.js';

/** The `kill_switches` and `audit_log` rows, as every backend reads them. */
export interface KillRow {
  kind: string;
  value: string;
  reason: string | null;
  actor: string;
  created_at: number;
}

export interface AuditRow {
  id: number;
  ts: number;
  actor: string;
  action: string;
  target: string;
  reason: string | null;
}

export function killSwitchOf(r: KillRow): KillSwitch {
  return {
    target: { kind: r.kind as KillTargetKind, value: r.value },
    ...(r.reason !== null && { reason: r.reason }),
    actor: r.actor,
    createdAt: r.created_at,
  };
}

export function auditEntryOf(r: AuditRow): AuditEntry {
  return {
    id: r.id,
    ts: r.ts,
    actor: r.actor,
    action: r.action as AuditEntry['action'],
    target: r.target,
    ...(r.reason !== null && { reason: r.reason }),
  };
}
