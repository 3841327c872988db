import type { StreamPart } from '../../spec/stream-part.js';
import { generateId } from '../toolkit/generate-id.js';
import { asNumber, asObject, asString, type JsonObject } from '../toolkit/json-shapes.js';

interface ToolBlock {
  toolIndex: number;
  /** The input as the start event gave it, sent at the block's end when no `input_json_delta` carried any. */
  startInput: string;
  sentArguments: boolean;
}

/**
 * Turns Anthropic's content-block events into stream parts. Tool calls are numbered from 0 in the order
 * they start (Anthropic's block indexes also count text, thinking and server-tool blocks). A thinking
 * block's `signature_delta` becomes a `reasoning-signature` part and a `redacted_thinking` block (whole
 * in its start event) a `redacted-reasoning` part. Blocks of types this code does not use (server tools
 * and their results, compaction, ...) are passed over, including their `input_json_delta`s.
 */
export class AnthropicBlockTracker {
  private readonly tools = new Map<number, ToolBlock>();
  private toolCount = 0;

  get toolCallCount(): number {
    return this.toolCount;
  }

  start(event: JsonObject): StreamPart[] {
    const block = asObject(event.content_block);
    switch (block?.type) {
      case 'text':
        return textPart('text', block.text);
      case 'thinking':
        return textPart('reasoning', block.thinking);
      case 'redacted_thinking': {
        const data = asString(block.data);
        return data ? [{ type: 'redacted-reasoning', data }] : [];
      }
      case 'tool_use': {
        const name = asString(block.name);
        if (!name) return []; // nothing a client could call, as in a non-streamed answer
        const toolIndex = this.toolCount++;
        const input = asObject(block.input);
        this.tools.set(blockIndex(event), {
          toolIndex,
          startInput: input && Object.keys(input).length > 0 ? JSON.stringify(input) : '{}',
          sentArguments: false,
        });
        const id = asString(block.id) || generateId('toolu');
        return [{ type: 'tool-call-start', index: toolIndex, id, name }];
      }
      default:
        return [];
    }
  }

  delta(event: JsonObject): StreamPart[] {
    const delta = asObject(event.delta);
    switch (delta?.type) {
      case 'text_delta':
        return textPart('text', delta.text);
      case 'thinking_delta':
        return textPart('reasoning', delta.thinking);
      case 'signature_delta': {
        const signature = asString(delta.signature);
        return signature ? [{ type: 'reasoning-signature', signature }] : [];
      }
      case 'input_json_delta': {
        const tool = this.tools.get(blockIndex(event));
        const json = asString(delta.partial_json);
        if (!tool || !json) return [];
        tool.sentArguments = true;
        return [{ type: 'tool-call-delta', index: tool.toolIndex, arguments: json }];
      }
      default:
        return [];
    }
  }

  /** A tool call whose input never streamed (a call without arguments) still gets its arguments: `{}`. */
  stop(event: JsonObject): StreamPart[] {
    const index = blockIndex(event);
    const tool = this.tools.get(index);
    if (!tool) return [];
    this.tools.delete(index);
    return closeTool(tool);
  }

  /** Closes tool calls whose block never got its stop event. */
  flush(): StreamPart[] {
    const parts = [...this.tools.values()].flatMap(closeTool);
    this.tools.clear();
    return parts;
  }
}

function closeTool(tool: ToolBlock): StreamPart[] {
  return tool.sentArguments ? [] : [{ type: 'tool-call-delta', index: tool.toolIndex, arguments: tool.startInput }];
}

function blockIndex(event: JsonObject): number {
  return asNumber(event.index) ?? 0;
}

function textPart(type: 'text' | 'reasoning', value: unknown): StreamPart[] {
  const text = asString(value);
  return text ? [{ type, text }] : [];
}
