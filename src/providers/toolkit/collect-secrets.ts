import type { AdapterSettings } from '../../spec/provider-adapter.js';

/**
 * Everything in a provider's settings that must never reach a client, a log or the ledger: its API key
 * and the values of the headers configured for it (an `authorization` or `api-key` header is as secret as
 * the key). Redaction of provider messages uses this list.
 */
export function collectSecrets(settings: Pick<AdapterSettings, 'apiKey' | 'headers'>): string[] {
  const secrets: string[] = [];
  if (settings.apiKey) secrets.push(settings.apiKey);
  for (const value of Object.values(settings.headers)) {
    if (value.length >= 8) secrets.push(value, value.replace(/^(Bearer|Basic)\s+/i, ''));
  }
  return secrets;
}
