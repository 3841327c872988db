import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Span, type Tracer } from '@opentelemetry/api';
import type { ClosedRequest, GenAiOperation } from '../accounting/request-account.js';
import type { Attempt } from '../routing/plan-route.js';
import type { AttemptEnd, AttemptInfo } from '../routing/plan-watch.js';
import type { ChatRequest } from '../spec/chat-request.js';
import type { ChatResult } from '../spec/chat-result.js';
import type { GatewayError } from '../spec/gateway-error.js';
import type { StreamPart } from '../spec/stream-part.js';
import { capturedInput, capturedOutput, MAX_CAPTURED_CHARS, type CapturedAnswer } from './captured-messages.js';
import type { RequestTrace } from './request-trace.js';
import { semconvProviderName } from './semconv-provider-name.js';

/**
 * Every span's start and end, in epoch milliseconds from one monotonic clock: the SDK would anchor each span
 * to its own millisecond-granular Date.now(), so a child could appear to end after its parent.
 */
function clock(): number {
  return performance.timeOrigin + performance.now();
}

/** What a request span needs besides its tracer. */
export interface SpanSettings {
  /** Record the prompt and the answer (`gen_ai.input.messages`, `gen_ai.output.messages`). */
  captureContent: boolean;
  /** A provider's host and port, for `server.address` and `server.port`. */
  addressOf(providerId: string): { address: string; port: number } | undefined;
}

/** Longest model name written into a span name or attribute. */
const MAX_NAME = 256;
const NOOP_END: AttemptEnd = () => undefined;

/**
 * One request as OpenTelemetry spans: `{operation} {model}` (kind SERVER) from the request's arrival to its
 * settled end (a stream's last part), and under it one `{operation} {upstream model}` span (kind CLIENT)
 * per attempt sent upstream. Attributes follow the GenAI semantic conventions, with the gateway's own under
 * `switchyard.*`. Never a key: only the virtual key's id. No prompt or answer text unless `captureContent`.
 * A span the sampler dropped costs nothing further: every hook returns at once.
 */
export class RequestSpan implements RequestTrace {
  private readonly span: Span;
  private readonly context: Context;
  private readonly recording: boolean;
  /** Attempt spans not yet ended, by the function that ends each. */
  private readonly open = new Map<AttemptEnd, Span>();
  private chat: ChatRequest | undefined;
  private reportedModel: string | undefined;
  private readonly answered: CapturedAnswer = { text: '', reasoning: '', toolCalls: [], finishReason: undefined };

  constructor(
    private readonly tracer: Tracer,
    private readonly settings: SpanSettings,
    private readonly operation: GenAiOperation,
  ) {
    this.span = tracer.startSpan(operation, { kind: SpanKind.SERVER, attributes: { 'gen_ai.operation.name': operation }, startTime: clock() });
    this.recording = this.span.isRecording();
    this.context = trace.setSpan(ROOT_CONTEXT, this.span);
  }

  attempt(a: Attempt, info: AttemptInfo): AttemptEnd {
    if (!this.recording) return NOOP_END;
    const server = this.settings.addressOf(a.providerId);
    const attributes: Attributes = {
      'gen_ai.operation.name': this.operation,
      'gen_ai.provider.name': semconvProviderName(a.info.providerType),
      'gen_ai.request.model': clip(a.model),
      'switchyard.provider': a.providerId,
      'switchyard.deployment': clip(`${a.providerId}/${a.model}`),
      'switchyard.attempt.retry': info.retry,
      'switchyard.attempt.failover': info.failover,
      'switchyard.attempt.hedge': info.hedge,
      'switchyard.attempt.forced': info.forced,
      ...(server && { 'server.address': server.address, 'server.port': server.port }),
    };
    const child = this.tracer.startSpan(`${this.operation} ${clip(a.model)}`, { kind: SpanKind.CLIENT, attributes, startTime: clock() }, this.context);
    const end: AttemptEnd = (failure) => {
      if (this.open.delete(end)) endAttempt(child, failure);
    };
    this.open.set(end, child);
    return end;
  }

  get readsContent(): boolean {
    return this.recording && this.settings.captureContent;
  }

  request(request: ChatRequest): void {
    if (this.recording) this.chat = request;
  }

  answer(result: ChatResult): void {
    if (!this.recording) return;
    this.reportedModel = result.model;
    this.answered.finishReason = result.finishReason;
    if (!this.settings.captureContent) return;
    this.answered.text = result.text ?? '';
    this.answered.reasoning = result.reasoning ?? '';
    this.answered.toolCalls = result.toolCalls.map((c) => ({ id: c.id, name: c.name, arguments: c.arguments }));
  }

  part(p: StreamPart): void {
    if (!this.recording) return;
    if (p.type === 'finish') this.answered.finishReason = p.reason;
    else if (p.type === 'meta') this.reportedModel ??= p.model;
    else if (this.settings.captureContent) gather(this.answered, p);
  }

  end(closed: ClosedRequest): void {
    if (!this.recording) {
      this.span.end(clock());
      return;
    }
    // attempts still open (a hedge whose cancellation is on its way): over with the request
    for (const span of this.open.values()) endAttempt(span, 'cancelled');
    this.open.clear();
    const a = closed.account;
    const d = a.served;
    const u = a.usage;
    const chat = this.chat;
    const requested = clip(a.requestedModel);
    if (requested) this.span.updateName(`${this.operation} ${requested}`);
    const attributes: Attributes = {
      'http.response.status_code': closed.status,
      'switchyard.request_id': a.id,
      'switchyard.stream': a.stream,
      ...(requested && { 'gen_ai.request.model': requested }),
      ...(d && {
        'gen_ai.provider.name': semconvProviderName(d.info.providerType),
        'gen_ai.response.model': clip(this.reportedModel ?? d.model),
        'switchyard.provider': d.providerId,
        'switchyard.deployment': clip(`${d.providerId}/${d.model}`),
      }),
      ...(d?.info.origin && { 'switchyard.origin': d.info.origin }),
      ...(u?.inputTokens !== undefined && { 'gen_ai.usage.input_tokens': u.inputTokens }),
      ...(u?.outputTokens !== undefined && this.operation === 'chat' && { 'gen_ai.usage.output_tokens': u.outputTokens }),
      ...(chat?.maxTokens !== undefined && { 'gen_ai.request.max_tokens': chat.maxTokens }),
      ...(chat?.temperature !== undefined && { 'gen_ai.request.temperature': chat.temperature }),
      ...(chat?.topP !== undefined && { 'gen_ai.request.top_p': chat.topP }),
      ...(this.answered.finishReason && { 'gen_ai.response.finish_reasons': [this.answered.finishReason] }),
      ...(closed.priced.cost !== undefined && { 'switchyard.cost_usd': closed.priced.cost }),
      ...(a.route && { 'switchyard.route': clip(a.route, MAX_CAPTURED_CHARS) }),
      ...(a.principal?.keyId && { 'switchyard.key_id': a.principal.keyId }),
      ...(a.principal?.team && { 'switchyard.team': a.principal.team }),
      ...(a.attempts.length > 0 && { 'switchyard.failed_attempts': a.attempts.length }),
      ...(a.partial && { 'switchyard.partial': true }),
      ...(a.ttftMs !== undefined && { 'switchyard.ttft_ms': a.ttftMs }),
    };
    if (this.settings.captureContent && chat) {
      attributes['gen_ai.input.messages'] = capturedInput(chat);
      if (d) attributes['gen_ai.output.messages'] = capturedOutput(this.answered);
    }
    if (closed.error) {
      attributes['error.type'] = closed.error.code;
      this.span.setStatus({ code: SpanStatusCode.ERROR, message: closed.error.code });
    }
    this.span.setAttributes(attributes);
    this.span.end(clock());
  }
}

/** An attempt's outcome: success, error (with its type and the upstream's status) or cancelled. */
function endAttempt(span: Span, failure: GatewayError | 'cancelled' | undefined): void {
  if (!failure) span.setAttribute('switchyard.attempt.outcome', 'success');
  else if (failure === 'cancelled' || failure.code === 'client_closed') span.setAttribute('switchyard.attempt.outcome', 'cancelled');
  else {
    span.setAttributes({
      'switchyard.attempt.outcome': 'error',
      'error.type': failure.code,
      ...(failure.upstreamStatus !== undefined && { 'http.response.status_code': failure.upstreamStatus }),
    });
    span.setStatus({ code: SpanStatusCode.ERROR, message: failure.code });
  }
  span.end(clock());
}

/** Add a streamed part's content to the answer, within MAX_CAPTURED_CHARS of text each. */
function gather(answer: CapturedAnswer, p: StreamPart): void {
  if (p.type === 'text' && answer.text.length < MAX_CAPTURED_CHARS) answer.text += p.text;
  else if (p.type === 'reasoning' && answer.reasoning.length < MAX_CAPTURED_CHARS) answer.reasoning += p.text;
  else if (p.type === 'tool-call-start') answer.toolCalls[p.index] = { id: p.id, name: p.name, arguments: '' };
  else if (p.type === 'tool-call-delta') {
    const call = answer.toolCalls[p.index];
    if (call && call.arguments.length < MAX_CAPTURED_CHARS) call.arguments += p.arguments;
  }
}

function clip(text: string, max = MAX_NAME): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}
