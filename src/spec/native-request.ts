/**
 * A client's request as it arrived on a wire some upstreams speak too (Anthropic Messages, OpenAI Responses).
 * The door still decodes it to the canonical request, which the planner, policy, budgets and every other
 * upstream use; an adapter that speaks the same wire sends this body instead, with only the model name (and
 * the gateway's own fields) changed, so that whatever the canonical request does not model (thinking
 * signatures, cache control, beta fields) reaches the upstream intact.
 */
export type NativeWire = 'anthropic-messages' | 'openai-responses';

export interface NativeRequest {
  wire: NativeWire;
  /** The client's JSON body, as parsed. Never modified: adapters copy it. */
  body: Readonly<Record<string, unknown>>;
  /** Client headers the wire defines that change the answer (`anthropic-beta`), lower-cased; never credentials. */
  headers: Readonly<Record<string, string>>;
}

/** Fields a client sends for the gateway itself (OpenRouter-style routing): never forwarded to an upstream. */
const GATEWAY_FIELDS = new Set(['models', 'provider', 'router']);

/**
 * The body an upstream of the same wire is sent: the client's, the gateway's own fields removed, the
 * deployment's upstream model name in place of the one the client asked for, and the stream flag the
 * gateway chose; `defaults` fill fields the client left unset.
 */
export function nativeBody(native: NativeRequest, model: string, stream: boolean, defaults: Record<string, unknown> = {}): Record<string, unknown> {
  const body: Record<string, unknown> = { ...defaults };
  for (const [key, value] of Object.entries(native.body)) {
    if (!GATEWAY_FIELDS.has(key) && value !== undefined) body[key] = value;
  }
  body.model = model;
  if (stream) body.stream = true;
  else delete body.stream;
  return body;
}
