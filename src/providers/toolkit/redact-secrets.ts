/**
 * Replace every occurrence of the given secrets in a text with a marker. Used on anything a provider
 * sends back (some echo the key in error messages) before it can reach a client, a log or the ledger.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 6 && out.includes(secret)) out = out.split(secret).join('[redacted]');
  }
  return out;
}
