import type OpenAI from 'openai';
import { framesFromChunks, type Reply } from '../support/fake-upstream.js';
import { cassetteReply, readCassette } from '../support/read-cassette.js';
import { readOwnFixture, readSharedFixture } from '../support/shared-fixtures.js';
import type { ConformanceCase } from './conformance-case.js';

/** The fake upstream's reply for a case: its recording, served the way the provider serves it. */
export function replyFor(c: ConformanceCase): Reply {
  if ('cassette' in c.source) return cassetteReply(readCassette(c.source.cassette));
  const text = 'shared' in c.source ? readSharedFixture(c.source.shared) : readOwnFixture(c.source.own);
  switch (c.replay) {
    case 'cassette':
      throw new Error(`${c.name}: replay 'cassette' needs a cassette source`);
    case 'json':
      return { json: JSON.parse(text) };
    case 'sse':
      return { sse: framesFromChunks(text) };
    case 'sse-done':
      return { sse: framesFromChunks(text, { done: true }) };
    case 'sse-events':
      return { sse: framesFromChunks(text, { events: true }) };
  }
}

/** What the client got, gathered the same way whether it streamed or not. */
export interface Received {
  text: string | null;
  reasoning: string | undefined;
  toolCalls: Array<{ id: string; name: string; arguments: unknown }>;
  finishReason: string | null;
  usage: OpenAI.CompletionUsage | undefined;
  /** Streams only: how many chunks carried a finish reason, and how many carried usage. */
  finishChunks?: number;
  usageChunks?: number;
  /**
   * Streams only: chunks with fields the gateway's own encoding never writes (`system_fingerprint`,
   * `obfuscation`, a delta's `refusal: null`): chunks relayed as the upstream framed them.
   */
  foreignChunks?: number;
  /** How the answer is named: its id, object, model and creation time (one value each, on every chunk of a stream). */
  names: { id: string[]; object: string[]; model: string[]; created: number[] };
}

/** The fields ChatChunkEncoder writes: at the top, in a choice, in a delta. */
const OWN_FIELDS = [
  new Set(['id', 'object', 'created', 'model', 'choices', 'usage']),
  new Set(['index', 'delta', 'logprobs', 'finish_reason']),
  new Set(['role', 'content', 'reasoning_content', 'refusal', 'tool_calls']),
];

function hasForeignFields(chunk: OpenAI.ChatCompletionChunk): boolean {
  const choice = chunk.choices[0] as unknown as Record<string, unknown> | undefined;
  const delta = choice?.delta as Record<string, unknown> | undefined;
  const foreign = (obj: object | undefined, own: Set<string>) => obj !== undefined && Object.keys(obj).some((k) => !own.has(k));
  return foreign(chunk, OWN_FIELDS[0]!) || foreign(choice, OWN_FIELDS[1]!) || foreign(delta, OWN_FIELDS[2]!) || delta?.refusal === null;
}

/** Each distinct value, in order of first appearance. */
function note<T>(list: T[], value: T): void {
  if (!list.includes(value)) list.push(value);
}

export function fromCompletion(completion: OpenAI.ChatCompletion): Received {
  const choice = completion.choices[0];
  const message = choice?.message as (OpenAI.ChatCompletionMessage & { reasoning_content?: string }) | undefined;
  return {
    text: message?.content ?? null,
    reasoning: message?.reasoning_content,
    toolCalls: (message?.tool_calls ?? []).map((c) => {
      if (c.type !== 'function') throw new Error(`unexpected tool call type ${c.type}`);
      return { id: c.id, name: c.function.name, arguments: JSON.parse(c.function.arguments) };
    }),
    finishReason: choice?.finish_reason ?? null,
    usage: completion.usage,
    names: { id: [completion.id], object: [completion.object], model: [completion.model], created: [completion.created] },
  };
}

/**
 * Read an SDK stream to the end. Checks on the way what OpenAI clients rely on: each tool call's first
 * delta carries its index, id, type and name.
 */
export async function fromStream(stream: AsyncIterable<OpenAI.ChatCompletionChunk>): Promise<Received> {
  let text = '';
  let reasoning: string | undefined;
  const calls = new Map<number, { id: string; name: string; args: string }>();
  let finishReason: string | null = null;
  let usage: OpenAI.CompletionUsage | undefined;
  let finishChunks = 0;
  let usageChunks = 0;
  let foreignChunks = 0;
  const names: Received['names'] = { id: [], object: [], model: [], created: [] };
  for await (const chunk of stream) {
    note(names.id, chunk.id);
    note(names.object, chunk.object);
    note(names.model, chunk.model);
    note(names.created, chunk.created);
    if (hasForeignFields(chunk)) foreignChunks++;
    if (chunk.usage) {
      usage = chunk.usage;
      usageChunks++;
    }
    const choice = chunk.choices[0];
    if (!choice) continue;
    const delta = choice.delta as OpenAI.ChatCompletionChunk.Choice.Delta & { reasoning_content?: string };
    if (delta.content) text += delta.content;
    if (delta.reasoning_content) reasoning = (reasoning ?? '') + delta.reasoning_content;
    for (const tc of delta.tool_calls ?? []) {
      let call = calls.get(tc.index);
      if (!call) {
        if (!tc.id || !tc.function?.name || tc.type !== 'function') {
          throw new Error(`the first delta of tool call ${tc.index} lacks its id, type or name: ${JSON.stringify(tc)}`);
        }
        call = { id: tc.id, name: tc.function.name, args: '' };
        calls.set(tc.index, call);
      }
      call.args += tc.function?.arguments ?? '';
    }
    if (choice.finish_reason) {
      finishReason = choice.finish_reason;
      finishChunks++;
    }
  }
  return {
    text: text === '' ? null : text,
    reasoning,
    toolCalls: [...calls.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, c]) => ({ id: c.id, name: c.name, arguments: JSON.parse(c.args === '' ? '{}' : c.args) })),
    finishReason,
    usage,
    finishChunks,
    usageChunks,
    foreignChunks,
    names,
  };
}
