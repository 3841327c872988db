import { generateId } from '../toolkit/generate-id.js';
import { asArray, asObject, asString, setOwn, type JsonObject } from '../toolkit/json-shapes.js';
import { applyPartialArg } from './apply-partial-arg.js';

export type FunctionCallEvent =
  | { type: 'start'; index: number; id: string; name: string }
  | { type: 'arguments'; index: number; arguments: string };

/**
 * Turns Gemini `functionCall` parts into tool calls, numbered from 0 in order. Gemini sends no usable call
 * ids, so each call gets a fresh unique one. A call normally arrives whole (`{name, args}`; no `args` means
 * no arguments): it yields a start and its full arguments at once. A call streamed in pieces (Vertex AI's
 * `streamFunctionCallArguments`: `{name, willContinue}`, then `{partialArgs}` parts, ended by a part without
 * `willContinue`) yields its start at once and its arguments when it ends, as one JSON text.
 */
export class GeminiFunctionCallAssembler {
  private calls = 0;
  private open: { index: number; args: JsonObject } | undefined;

  get count(): number {
    return this.calls;
  }

  push(part: unknown): FunctionCallEvent[] {
    const call = asObject(part);
    if (!call) return [];
    const name = asString(call.name);
    const args = asObject(call.args);
    const continues = call.willContinue === true;
    const events: FunctionCallEvent[] = [];
    if (name) {
      events.push(...this.finish());
      const index = this.calls++;
      events.push({ type: 'start', index, id: generateId('call'), name });
      this.open = { index, args: { ...args } };
    } else if (!this.open) {
      return [];
    } else if (args) {
      // own keys, as JSON has them: a `__proto__` key stays a key
      for (const [k, v] of Object.entries(args)) setOwn(this.open.args, k, v);
    }
    for (const entry of asArray(call.partialArgs)) applyPartialArg(this.open.args, entry);
    if (!continues) events.push(...this.finish());
    return events;
  }

  /** Ends the call still being streamed, if any (the answer ended without its closing part). */
  finish(): FunctionCallEvent[] {
    const open = this.open;
    if (!open) return [];
    this.open = undefined;
    return [{ type: 'arguments', index: open.index, arguments: JSON.stringify(open.args) }];
  }
}
