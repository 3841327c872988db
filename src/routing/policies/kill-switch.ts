/**
 * Kill switches: an operator's order that no new request may reach a provider, a developer's models, the
 * models of one origin country, or one model. They live in the shared store (so every process that shares
 * it obeys them) and each change is written to the audit log with who, when and why.
 */
export type KillTargetKind = 'provider' | 'developer' | 'origin' | 'model';

export const KILL_TARGET_KINDS: readonly KillTargetKind[] = ['provider', 'developer', 'origin', 'model'];

export interface KillTarget {
  kind: KillTargetKind;
  /**
   * A provider id or provider type; a developer; an ISO country or `EU`; a catalog model id or upstream model
   * name. Stored in the canonical spelling validateKillTarget gives (switches from before may be spelled otherwise).
   */
  value: string;
}

export interface KillSwitch {
  target: KillTarget;
  reason?: string;
  /** Who pulled it: `cli:<os user>`, `admin-api`, ... */
  actor: string;
  createdAt: number;
}

export interface AuditEntry {
  id: number;
  ts: number;
  actor: string;
  action: 'kill' | 'unkill';
  /** `provider:deepseek`, `origin:CN`... */
  target: string;
  reason?: string;
}

/** Where kill switches and the audit log live. One implementation per backend, all passing one contract suite. */
export interface ControlStore {
  /** The kill switches in force. */
  listKills(): Promise<KillSwitch[]>;
  /** Pull a switch (pulling one already in force changes nothing but the audit log). */
  kill(target: KillTarget, actor: string, reason: string | undefined, now: number): Promise<KillSwitch>;
  /** Release a switch; the one released, or undefined when none was in force. */
  unkill(target: KillTarget, actor: string, reason: string | undefined, now: number): Promise<KillSwitch | undefined>;
  /** Audit entries, newest first. */
  audit(limit: number): Promise<AuditEntry[]>;
  /** A number that changes whenever the switches change: cheap enough to poll a few times a second. */
  version(): Promise<number>;
}

/** `provider:deepseek` → target; a clear message for anything else. */
export function parseKillTarget(text: string): KillTarget | string {
  const i = text.indexOf(':');
  const kind = text.slice(0, i) as KillTargetKind;
  const value = text.slice(i + 1).trim();
  if (i <= 0 || !KILL_TARGET_KINDS.includes(kind) || value === '') {
    return `'${text}' is not a kill target: use provider:<id or type>, developer:<id>, origin:<country code> or model:<model>`;
  }
  return { kind, value: kind === 'origin' ? value.toUpperCase() : value.toLowerCase() };
}

export function killTargetText(t: KillTarget): string {
  return `${t.kind}:${t.value}`;
}
