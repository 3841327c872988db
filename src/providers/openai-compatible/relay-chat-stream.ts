import { isContentPart, type StreamPart } from '../../spec/stream-part.js';
import type { ServerSentEvent, StreamDecoder } from '../toolkit/decode-event-stream.js';
import type { OpenAIChatStreamDecoder } from './decode-openai-chat-stream.js';
import { readOpenAIMeta, type OpenAIMeta } from './read-openai-meta.js';
import { PlainChunkScanner } from './scan-plain-chunk.js';
import { ChunkFrame } from './chunk-frame.js';

type NativePart = Extract<StreamPart, { type: 'native' }>;

/** A JSON string's characters (escapes checked, no raw control characters). */
const STRING = String.raw`"((?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*)"`;
const S = '[ \\t]*';

/** The head of a chunk: `{"id":…,"object":"chat.completion.chunk","created":…,"model":…`, in that order. */
const HEAD = new RegExp(
  `^\\{${S}"id"${S}:${S}${STRING}${S},${S}"object"${S}:${S}"chat\\.completion\\.chunk"${S},${S}"created"${S}:${S}(0|[1-9][0-9]*)${S},${S}"model"${S}:${S}${STRING}`,
);

/**
 * A chat-completions stream relayed rather than translated (the fast path). Each event is read without
 * being parsed (PlainChunkScanner, or ChunkFrame once a plain chunk's frame is known): a plain one (content or reasoning text, nothing the translation would
 * change) goes to the client as the upstream framed it, its head (id, object, created, model) replaced by
 * the door's, as a `native` part that several such events share; any other event (the finish, usage, tool
 * calls, an error, `[DONE]`, anything unusual) goes through the translated stream's decoder, whose parts the
 * door encodes as it encodes a translated stream. So the client sees what the translated stream would show
 * it, with the upstream's own framing and extra fields (`system_fingerprint`, `service_tier`) on the plain
 * chunks, and the gateway reads usage, the finish and errors exactly as it does when translating.
 *
 * A plain chunk without text (the role alone, an empty delta) is dropped, as the translation drops it. The
 * role: the translated stream names it on the first content it shows, so the first chunk relayed before
 * anything else was shown gets `"role":"assistant"` when it does not carry it.
 */
export class ChatRelayTap implements StreamDecoder {
  private readonly scanner = new PlainChunkScanner();
  private readonly frame = new ChunkFrame();
  private readonly head: string;
  /** The head of the last chunk matched (the next is most often the same). */
  private upstreamHead = '';
  private roleShown = false;
  private open: NativePart | undefined;
  private readonly metaOfHead = (): OpenAIMeta => this.upstreamMeta();

  constructor(
    private readonly inner: OpenAIChatStreamDecoder,
    answer: { readonly id: string; readonly created: number },
    model: string,
    /** The provider's credentials: an event that holds one is never relayed as it came (it is translated). */
    private readonly secrets: readonly string[] = [],
  ) {
    this.head = `{"id":${JSON.stringify(answer.id)},"object":"chat.completion.chunk","created":${answer.created},"model":${JSON.stringify(model)}`;
  }

  push(sse: ServerSentEvent, out: StreamPart[]): void {
    const data = sse.data;
    if (sse.event === undefined && this.inner.takesDeltas && !holdsSecret(data, this.secrets)) {
      const from = this.headEnd(data);
      if (from > 0) {
        const framed = this.frame.match(data, from);
        if (framed >= 0) {
          this.relay(data, from, framed, false, this.frame.deltaAt(from), false, out);
          return;
        }
        const scan = this.scanner;
        if (scan.scan(data, from)) {
          this.frame.learn(data, from, scan);
          this.relay(data, from, scan.chars, scan.role, scan.deltaAt, scan.emptyDelta, out);
          return;
        }
      }
    }
    const at = out.length;
    this.inner.push(sse, out);
    // the door's encoder names the role on the first content it encodes
    if (!this.roleShown) for (let i = at; i < out.length; i++) if (isContentPart(out[i]!)) this.roleShown = true;
  }

  end(out: StreamPart[]): void {
    this.inner.end(out);
  }

  /** Where the chunk's head ends; 0 when it has none this relay can replace. */
  private headEnd(data: string): number {
    const known = this.upstreamHead;
    if (known !== '' && data.substring(0, known.length) === known) return known.length;
    const m = HEAD.exec(data);
    if (!m) return 0;
    this.upstreamHead = m[0];
    return m[0].length;
  }

  /** A plain chunk with `chars` characters of text: relayed, or dropped when it has none. */
  private relay(data: string, from: number, chars: number, role: boolean, deltaAt: number, emptyDelta: boolean, out: StreamPart[]): void {
    this.inner.noteChunk(this.metaOfHead, chars > 0, out);
    // a chunk with no text (the role alone, an empty delta) shows nothing: the translation drops it too
    if (chars === 0) return;
    let tail: string;
    if (!this.roleShown && !role) {
      tail = `${data.slice(from, deltaAt)}"role":"assistant"${emptyDelta ? '' : ','}${data.slice(deltaAt)}`;
    } else tail = data.slice(from);
    this.roleShown = true;
    const frame = `data: ${this.head}${tail}\n\n`;
    const open = this.open;
    if (open !== undefined && out[out.length - 1] === open) {
      open.frame += frame;
      open.content = (open.content ?? 0) + chars;
    } else {
      this.open = { type: 'native', wire: 'openai-chat', frame, content: chars };
      out.push(this.open);
    }
  }

  /** The id, model and creation time the upstream's head names (for telemetry, as a decoded chunk's). */
  private upstreamMeta(): OpenAIMeta {
    const m = HEAD.exec(this.upstreamHead);
    if (!m) return {};
    return readOpenAIMeta({ id: JSON.parse(`"${m[1]}"`), created: Number(m[2]), model: JSON.parse(`"${m[3]}"`) });
  }
}

/**
 * Whether a text holds one of the provider's credentials (an upstream echoing its key in a field the
 * translation leaves out, `system_fingerprint` say): such text is never relayed as it came.
 */
export function holdsSecret(text: string, secrets: readonly string[]): boolean {
  for (const s of secrets) if (s.length >= 8 && text.includes(s)) return true;
  return false;
}
