import type { DeploymentInfo } from '../deployment-info.js';
import { developerSlug } from './developer-name.js';
import { EU_MEMBERS as EU } from './eu-members.js';
import { killTargetText, type KillSwitch } from './kill-switch.js';

/** What a kill switch is matched against: a deployment's provider, model and what the catalog says of it. */
export interface KillSubject {
  providerId: string;
  model: string;
  info: DeploymentInfo;
}

/**
 * The kill switches in force, indexed for the request path. `provider:X` names a configured provider id or
 * a provider type; `developer:Y` a developer (compared by slug, so any spelling stored matches);
 * `origin:CC` a country (or `EU`); `model:M` a catalog model id or a provider's own model name. What may be
 * stored is decided by validateKillTarget.
 */
export class KillSet {
  static readonly EMPTY = new KillSet([]);
  private readonly byKind = new Map<string, Map<string, KillSwitch>>();

  constructor(readonly switches: readonly KillSwitch[]) {
    for (const s of switches) {
      let kind = this.byKind.get(s.target.kind);
      if (!kind) this.byKind.set(s.target.kind, (kind = new Map()));
      kind.set(normal(s.target.kind, s.target.value), s);
    }
  }

  get size(): number {
    return this.switches.length;
  }

  /** The switch that stops this deployment, if any. */
  match(d: KillSubject): KillSwitch | undefined {
    if (this.switches.length === 0) return undefined;
    const { info } = d;
    return (
      this.find('provider', d.providerId) ??
      this.find('provider', info.providerType) ??
      (info.developer !== undefined ? this.find('developer', info.developer) : undefined) ??
      (info.origin !== undefined ? (this.find('origin', info.origin) ?? this.euSwitch(info.origin)) : undefined) ??
      (info.catalogModel !== undefined ? this.find('model', info.catalogModel) : undefined) ??
      this.find('model', d.model)
    );
  }

  /** The exclusion reason for a deployment stopped by a switch: `kill:provider:deepseek`. */
  reason(d: KillSubject): string | undefined {
    const s = this.match(d);
    return s ? `kill:${killTargetText(s.target)}` : undefined;
  }

  private find(kind: string, value: string): KillSwitch | undefined {
    return this.byKind.get(kind)?.get(normal(kind, value));
  }

  private euSwitch(origin: string): KillSwitch | undefined {
    const eu = this.find('origin', 'EU');
    return eu && EU.has(origin) ? eu : undefined;
  }
}

function normal(kind: string, value: string): string {
  if (kind === 'origin') return value.toUpperCase();
  return kind === 'developer' ? developerSlug(value) : value.toLowerCase();
}
