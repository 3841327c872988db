import { parse as parseYaml } from 'yaml';
import type { Reply } from './fake-upstream.js';
import { readSharedFixture } from './shared-fixtures.js';

/** The first interaction of a go-vcr v2 cassette (envoy-ai-gateway): request and response bodies verbatim. */
export interface CassetteInteraction {
  url: string;
  requestBody: string;
  status: number;
  contentType: string;
  responseBody: string;
}

/** Read a cassette under ../shared/fixtures. */
export function readCassette(relativePath: string): CassetteInteraction {
  const doc = parseYaml(readSharedFixture(relativePath)) as {
    interactions?: Array<{
      request: { url: string; body: string };
      response: { code: number; body: string; headers?: Record<string, string[]> };
    }>;
  };
  const first = doc.interactions?.[0];
  if (!first) throw new Error(`${relativePath}: no interactions`);
  return {
    url: first.request.url,
    requestBody: first.request.body,
    status: first.response.code,
    contentType: first.response.headers?.['Content-Type']?.[0] ?? 'application/json',
    responseBody: first.response.body,
  };
}

/** The fake upstream's reply for a cassette: its status, content type and body as recorded, a stream frame by frame. */
export function cassetteReply(interaction: CassetteInteraction): Reply {
  if (interaction.contentType.startsWith('text/event-stream')) {
    return { status: interaction.status, sse: interaction.responseBody.split(/(?<=\n\n)/) };
  }
  return { status: interaction.status, headers: { 'content-type': interaction.contentType }, body: interaction.responseBody };
}
