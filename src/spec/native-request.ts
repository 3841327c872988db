/**
 * A client's request as it arrived on a wire some upstreams speak too (Anthropic Messages, OpenAI Responses,
 * OpenAI chat completions). The door still decodes it to the canonical request, which the planner, policy,
 * budgets and every other upstream use; an adapter that speaks the same wire sends this body instead, with
 * only the model name (and the gateway's own fields) changed, so that whatever the canonical request does
 * not model (thinking signatures, cache control, beta fields) reaches the upstream intact.
 *
 * The chat wire is the canonical request's own, so its pass-through is of another kind (the relay, see
 * ProviderAdapter.relayWire): the client's body is sent only where translating it would send the same, and
 * the answer relayed only where translating it would show the client the same.
 */
export type NativeWire = 'anthropic-messages' | 'openai-responses' | 'openai-chat';

export interface NativeRequest {
  wire: NativeWire;
  /** The client's JSON body, as parsed. Never modified: adapters copy it. */
  body: Readonly<Record<string, unknown>>;
  /** Client headers the wire defines that change the answer (`anthropic-beta`), lower-cased; never credentials. */
  headers: Readonly<Record<string, string>>;
  /**
   * The answer's id and creation time (Unix seconds) as the door names it: a relayed chat answer carries
   * them in place of the upstream's, as a translated one does.
   */
  answer?: { readonly id: string; readonly created: number };
  /**
   * Something reads the streamed text itself (stored bodies, a shadow comparison, captured content): a
   * relaying adapter then decodes the stream rather than relaying it.
   */
  readsText?: boolean;
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
