import type { PricedUsage } from '../../ledger/price-usage.js';
import type { RelayCuts } from '../../spec/chat-result.js';
import type { Usage } from '../../spec/usage.js';
import type { CompletionIdentity } from './encode-chat-completion.js';
import { encodeUsage } from './encode-usage.js';

/**
 * A relayed chat completion as the client gets it: the upstream's text with the door's id, creation time
 * and model in place of the upstream's, and the usage with its cost (as encodeChatCompletion writes it) in
 * place of the upstream's usage, or added where it had none. Everything else is the upstream's text as it
 * came: nothing is parsed or serialized again but the usage.
 */
export function spliceChatCompletion(text: string, cuts: RelayCuts, identity: CompletionIdentity, usage: Usage | undefined, priced: PricedUsage): string {
  const usageJson = JSON.stringify(encodeUsage(usage, priced));
  const u = cuts.usage;
  const edits: Edit[] = [
    [cuts.id[0], cuts.id[1], JSON.stringify(identity.id)],
    [cuts.created[0], cuts.created[1], String(identity.created)],
    [cuts.model[0], cuts.model[1], JSON.stringify(identity.model)],
    typeof u === 'number' ? [u, u, `,"usage":${usageJson}`] : [u[0], u[1], usageJson],
  ];
  // most upstreams name the answer first and count its usage last: the edits are then in order already
  if (!inOrder(edits)) edits.sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  for (const [start, end, replacement] of edits) {
    out += text.slice(at, start) + replacement;
    at = end;
  }
  return out + text.slice(at);
}

/** A span of the text and what replaces it. */
type Edit = readonly [number, number, string];

function inOrder(edits: readonly Edit[]): boolean {
  for (let i = 1; i < edits.length; i++) if (edits[i - 1]![1] > edits[i]![0]) return false;
  return true;
}
