import { asArray, asObject, asString } from '../toolkit/json-shapes.js';
import { getJson, type JsonCall } from '../toolkit/send-json.js';

/** Pages read at most: Gemini lists a few dozen models; this only guards against a token that never ends. */
const MAX_PAGES = 20;

/** The model names Gemini lists (`models/gemini-2.5-flash` → `gemini-2.5-flash`), following page tokens. */
export async function listGeminiModels(call: Omit<JsonCall, 'url' | 'body'>, base: string): Promise<string[]> {
  const names: string[] = [];
  let pageToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const query = `pageSize=1000${pageToken ? `&pageToken=${encodeURIComponent(pageToken)}` : ''}`;
    const body = asObject(await getJson({ ...call, url: `${base}/models?${query}` }));
    for (const m of asArray(body?.models)) {
      const name = asString(asObject(m)?.name);
      if (name) names.push(name.replace(/^models\//, ''));
    }
    pageToken = asString(body?.nextPageToken);
    if (!pageToken) break;
  }
  return names;
}
