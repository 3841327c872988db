import { GatewayError } from '../../spec/gateway-error.js';
import type { GeminiPart } from './gemini-wire.js';

const MIME_BY_EXTENSION: Readonly<Record<string, string>> = Object.freeze({
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
  heic: 'image/heic',
  heif: 'image/heif',
  pdf: 'application/pdf',
});

/**
 * An image the client sent as a URL, as a Gemini part: `data:` URLs become `inlineData`, web and Cloud
 * Storage URLs become `fileData` (Gemini fetches them). The MIME type of a linked file is guessed from its
 * extension; `image/*` when there is none to go by. `param` names the field in errors.
 */
export function convertImageToGeminiPart(url: string, param: string): GeminiPart {
  if (url.startsWith('data:')) return { inlineData: readDataUrl(url, param) };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalid(param, 'is not a valid URL');
  }
  if (!['https:', 'http:', 'gs:'].includes(parsed.protocol)) {
    throw invalid(param, 'must be an https URL or a base64 data: URL');
  }
  return { fileData: { mimeType: guessMimeType(parsed.pathname), fileUri: url } };
}

function readDataUrl(url: string, param: string): { mimeType: string; data: string } {
  const comma = url.indexOf(',');
  if (comma < 0) throw invalid(param, 'is not a valid data: URL');
  const meta = url.slice('data:'.length, comma).split(';');
  const mimeType = meta[0]?.trim() ?? '';
  if (!meta.slice(1).includes('base64')) throw invalid(param, 'must be base64-encoded (data:<type>;base64,...)');
  if (mimeType === '') throw invalid(param, 'must name its media type (data:image/png;base64,...)');
  const data = url.slice(comma + 1);
  if (data === '') throw invalid(param, 'has no data');
  return { mimeType, data };
}

function guessMimeType(pathname: string): string {
  const dot = pathname.lastIndexOf('.');
  if (dot < 0 || dot < pathname.lastIndexOf('/')) return 'image/*';
  const extension = pathname.slice(dot + 1).toLowerCase();
  return (Object.hasOwn(MIME_BY_EXTENSION, extension) ? MIME_BY_EXTENSION[extension] : undefined) ?? 'image/*';
}

function invalid(param: string, what: string): GatewayError {
  return new GatewayError('invalid_request', `The image URL in '${param}' ${what}.`, { param });
}
