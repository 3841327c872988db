import { CHAT_PARAM_WIRE_NAMES, paramsSetIn, type ChatParam, type ChatRequest } from '../spec/chat-request.js';
import { deploymentKey } from './deployment-info.js';
import type { DeploymentHealth } from './health/deployment-health.js';
import type { ResolvedDeployment } from './model-table.js';
import { preferenceBlock } from './apply-provider-preferences.js';

export interface RequestTraits {
  params: ChatParam[];
  wantsTools: boolean;
  hasImages: boolean;
  wantsJsonSchema: boolean;
  /** Estimated input tokens plus the output limit asked for. */
  tokensNeeded: number;
}

export function traitsOf(req: ChatRequest, inputTokens: number): RequestTraits {
  return {
    params: paramsSetIn(req),
    wantsTools: (req.tools?.length ?? 0) > 0,
    hasImages: req.messages.some((m) => m.role === 'user' && typeof m.content !== 'string' && m.content.some((p) => p.type === 'image')),
    wantsJsonSchema: req.responseFormat?.type === 'json_schema',
    tokensNeeded: inputTokens + (req.maxTokens ?? 0),
  };
}

/** Parameters that never change an answer: a provider that cannot take one is sent the request without it. */
const ADVISORY: ReadonlySet<ChatParam> = new Set<ChatParam>(['user']);

/** The exclusions health makes: a deployment paused for a while, which the panic rule may still try. */
export const PAUSED = { open: 'circuit_open', cooling: 'cooling' } as const;

export function isPaused(reason: string): boolean {
  return reason === PAUSED.open || reason === PAUSED.cooling;
}

/** `misconfigured`: it may serve, but its provider refused the gateway's key lately: tried after the others. */
export type Verdict = { ok: true; drop?: ChatParam[]; misconfigured?: true } | { ok: false; reason: string; param?: string; drop?: ChatParam[] };

/**
 * Whether one deployment may serve a request, and if not the first reason why: a parameter it cannot take,
 * a capability the model lacks, a context too short, the client's provider preferences and price caps, an
 * open circuit or a cool-down after a rate limit. Only what is known excludes: an unknown capability or policy lets the deployment through,
 * except where the client asked for a guarantee (a price cap, `data_collection: deny`, `zdr`).
 */
export function checkDeployment(d: ResolvedDeployment, req: ChatRequest, t: RequestTraits, health: DeploymentHealth): Verdict {
  const info = d.info;
  const prefs = req.routing?.provider;
  // a request passed through on its own wire reaches the upstream as the client wrote it: nothing is translated
  const passesThrough = req.native !== undefined && d.adapter.nativeWire === req.native.wire;
  const unsupported = passesThrough ? [] : t.params.filter((p) => d.adapter.unsupportedParams.has(p));
  let drop: ChatParam[] | undefined;
  if (unsupported.length > 0) {
    // a parameter that cannot change the answer (an end-user id for abuse tracking) is left out where it
    // cannot go, never a reason to refuse; the others exclude the deployment unless the client allows it
    const binding = unsupported.filter((p) => !ADVISORY.has(p));
    if (binding.length === 0 || prefs?.requireParameters === false) drop = unsupported;
    else return { ok: false, reason: `unsupported:${wireName(req, binding[0]!)}`, param: wireName(req, binding[0]!) };
  }
  const caps = info.capabilities;
  if (t.wantsTools && caps?.tools === false) return { ok: false, reason: 'capability:tools' };
  if (t.hasImages && caps?.vision === false) return { ok: false, reason: 'capability:vision' };
  if (t.wantsJsonSchema && caps?.jsonOutput === false) return { ok: false, reason: 'capability:json_schema' };
  if (info.contextLength !== undefined && t.tokensNeeded > info.contextLength) return { ok: false, reason: 'context_length' };
  const preferred = preferenceBlock(d, prefs);
  if (preferred) return { ok: false, reason: preferred };
  const snap = health.snapshot(deploymentKey(d));
  // paused by health: the panic rule may still try it, with the parameters it cannot take left out
  if (snap.state === 'open') return { ok: false, reason: PAUSED.open, ...(drop && { drop }) };
  if (snap.coolingUntil !== undefined) return { ok: false, reason: PAUSED.cooling, ...(drop && { drop }) };
  const misconfigured = snap.misconfiguredUntil !== undefined;
  return drop || misconfigured ? { ok: true, ...(drop && { drop }), ...(misconfigured && { misconfigured }) } : { ok: true };
}

function wireName(req: ChatRequest, param: ChatParam): string {
  if (param !== 'extra') return CHAT_PARAM_WIRE_NAMES[param];
  return Object.keys(req.extra ?? {}).join(', ') || CHAT_PARAM_WIRE_NAMES.extra;
}
