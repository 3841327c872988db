import type { ContentPart, ImagePart, TextPart } from '../../spec/chat-request.js';
import { GatewayError } from '../../spec/gateway-error.js';
import type { WireBlock, WireTextBlock } from './anthropic-wire.js';

const DATA_URL = /^data:([^;,]+);base64,(.*)$/s;

/**
 * Canonical content as Anthropic content blocks. Empty text is left out: Anthropic rejects empty text
 * blocks. `param` names the content in the caller's wire (`messages[2].content`) for error messages.
 */
export function convertToAnthropicContent(content: string | readonly ContentPart[], param: string): WireBlock[] {
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  const blocks: WireBlock[] = [];
  content.forEach((part, i) => {
    if (part.type === 'text') {
      if (part.text !== '') blocks.push({ type: 'text', text: part.text });
    } else {
      blocks.push(convertImage(part, `${param}[${i}].image_url`));
    }
  });
  return blocks;
}

/** Text-only content (system, tool results, assistant text) as text blocks. */
export function convertToAnthropicText(content: string | readonly TextPart[] | null): WireTextBlock[] {
  if (content == null) return [];
  const parts = typeof content === 'string' ? [content] : content.map((p) => p.text);
  return parts.filter((text) => text !== '').map((text) => ({ type: 'text', text }));
}

/**
 * A `data:` URL becomes a base64 source and an http(s) URL a url source (Anthropic fetches it).
 * OpenAI's `detail` has no Anthropic counterpart and is dropped.
 */
function convertImage(part: ImagePart, param: string): WireBlock {
  const data = DATA_URL.exec(part.url);
  if (data) {
    return { type: 'image', source: { type: 'base64', media_type: data[1], data: data[2] } };
  }
  if (/^https?:\/\//i.test(part.url)) {
    return { type: 'image', source: { type: 'url', url: part.url } };
  }
  throw new GatewayError(
    'invalid_request',
    'Images must be given as an https URL or a base64 data URL (data:<mime>;base64,...).',
    { param },
  );
}
