import type { StreamPart } from '../../spec/stream-part.js';
import type { PricedUsage } from '../../ledger/price-usage.js';
import type { DoorStreamEncoder } from '../chat-door.js';
import { mergeUsage, type Usage } from '../../spec/usage.js';
import type { CompletionIdentity } from './encode-chat-completion.js';
import { encodeUsage } from './encode-usage.js';
import { encodeErrorFrame } from './encode-error.js';
import type { GatewayError } from '../../spec/gateway-error.js';

/**
 * Turns stream parts into OpenAI `chat.completion.chunk` SSE frames. The first content chunk carries the
 * role; usage is collected and sent once, on a final chunk with no choices, when the client asked for it.
 * A relayed stream's `native` frames (already named as this answer, the role shown by the first) are
 * written as they are, and their characters counted.
 */
export class ChatChunkEncoder implements DoorStreamEncoder {
  private prefix: string;
  private sentRole = false;
  private finished = false;
  usage: Usage | undefined;
  /** Characters of answer content passed through, for a token estimate when the provider reports none. */
  contentChars = 0;

  constructor(
    identity: CompletionIdentity,
    private readonly includeUsage: boolean,
  ) {
    this.prefix = chunkPrefix(identity);
  }

  /** The SSE text for one part ('' when the part produces no frame). */
  encode(part: StreamPart): string {
    switch (part.type) {
      case 'text':
        this.contentChars += part.text.length;
        return this.delta({ content: part.text });
      case 'reasoning':
        this.contentChars += part.text.length;
        return this.delta({ reasoning_content: part.text });
      case 'reasoning-signature':
      case 'redacted-reasoning':
        return ''; // chat completions has no field for signed or redacted reasoning
      case 'refusal':
        return this.delta({ refusal: part.text });
      case 'tool-call-start':
        return this.delta({
          tool_calls: [{ index: part.index, id: part.id, type: 'function', function: { name: part.name, arguments: '' } }],
        });
      case 'tool-call-delta':
        this.contentChars += part.arguments.length;
        return this.delta({ tool_calls: [{ index: part.index, function: { arguments: part.arguments } }] });
      case 'finish':
        if (this.finished) return '';
        this.finished = true;
        return this.frame(`[{"index":0,"delta":{${this.roleField('')}},"logprobs":null,"finish_reason":"${part.reason}"}]`);
      case 'usage':
        this.usage = mergeUsage(this.usage, part.usage);
        return '';
      case 'native':
        if (part.wire !== 'openai-chat' || this.finished) return '';
        this.sentRole = true;
        this.contentChars += part.content ?? 0;
        return part.frame;
      case 'meta':
        return '';
    }
  }

  /** The closing frames of a complete stream: usage with its cost once, if the client asked, then [DONE]. */
  end(priced: PricedUsage): string {
    const usageFrame = this.includeUsage ? this.frame(`[],"usage":${JSON.stringify(encodeUsage(this.usage, priced))}`) : '';
    return `${usageFrame}data: [DONE]\n\n`;
  }


  /** The closing frame of a stream that cannot finish: an error object, never `[DONE]`. */
  errorFrame(error: GatewayError): string {
    return encodeErrorFrame(error);
  }

  get isFinished(): boolean {
    return this.finished;
  }

  private delta(fields: Record<string, unknown>): string {
    if (this.finished) return '';
    const body = JSON.stringify(fields).slice(1, -1);
    return this.frame(`[{"index":0,"delta":{${this.roleField(',')}${body}},"logprobs":null,"finish_reason":null}]`);
  }

  private roleField(separator: string): string {
    if (this.sentRole) return '';
    this.sentRole = true;
    return `"role":"assistant"${separator}`;
  }

  private frame(choices: string): string {
    return `${this.prefix}${choices}}\n\n`;
  }
}

function chunkPrefix(identity: CompletionIdentity): string {
  return `data: {"id":${JSON.stringify(identity.id)},"object":"chat.completion.chunk","created":${identity.created},"model":${JSON.stringify(identity.model)},"choices":`;
}
