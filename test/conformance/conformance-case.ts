import type { RecordedRequest } from '../support/fake-upstream.js';

/**
 * One recorded exchange replayed through the whole gateway: the fake upstream answers with the recording,
 * the official `openai` SDK asks the gateway, and the test asserts what the client received and what the
 * gateway sent upstream.
 */
export interface ConformanceCase {
  name: string;
  /** The provider `type` in config (`deepseek`, `anthropic`, `gemini`, ...). */
  providerType: string;
  /** The upstream model name of the deployment. */
  upstreamModel: string;
  stream: boolean;
  /**
   * The recording: a path under ../shared/fixtures, under test/fixtures (our own), or a go-vcr cassette
   * under ../shared/fixtures (served with its recorded status, content type and body).
   */
  source: { shared: string } | { own: string } | { cassette: string };
  /**
   * How to serve it: `json` (a response body), `sse` (one `data:` frame per line), `sse-done` (plus a final
   * `data: [DONE]`), `sse-events` (also `event: <type>` lines, as Anthropic sends), `cassette` (as recorded).
   */
  replay: 'json' | 'sse' | 'sse-done' | 'sse-events' | 'cassette';
  /** Request fields (OpenAI wire) beside `model`, and `messages` when the case needs its own. */
  request?: Record<string, unknown>;
  expect: {
    /** The full answer text (`null` when the message has no content). */
    text?: string | null;
    reasoning?: string;
    /** Tool calls in order, arguments parsed from JSON. */
    toolCalls?: Array<{ name: string; arguments: unknown }>;
    finishReason: 'stop' | 'length' | 'tool_calls' | 'content_filter';
    usage?: { prompt_tokens?: number; completion_tokens?: number; cached_tokens?: number; reasoning_tokens?: number };
  };
  /** The path the gateway must have called upstream. */
  expectPath?: string | RegExp;
  /** Further assertions on the request the gateway sent upstream. */
  expectUpstream?: (req: RecordedRequest) => void;
}
