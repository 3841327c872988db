import { request } from 'undici';
import { PROVIDER_TYPES, type ProviderType } from '../providers/registry.js';
import { DEFAULT_LISTEN, type GatewayConfig, type ListenAddress } from './gateway-config.js';
import { isLoopback, parseListen } from './parse-listen.js';
import { buildConfig, type Env } from './load-config.js';

export interface Discovery {
  config: GatewayConfig;
  /** One line per provider found, for the start banner. */
  found: string[];
}

const OLLAMA_URL = 'http://127.0.0.1:11434';

/**
 * Zero-config start: a provider for every vendor whose usual key variable is set, and a local Ollama if
 * one answers. Clients then address models as `<provider>/<model>` (e.g. `deepseek/deepseek-chat`).
 */
export async function discoverConfig(env: Env, probeOllama: () => Promise<string[] | undefined> = probeLocalOllama): Promise<Discovery> {
  const providers: Record<string, unknown> = {};
  const found: string[] = [];
  const listen = env.SWITCHYARD_LISTEN;
  const address = (listen && parseListen(listen)) || DEFAULT_LISTEN;
  for (const type of Object.values(PROVIDER_TYPES)) {
    const variable = type.apiKeyEnv.find((name) => env[name]);
    if (!variable) continue;
    const base = baseUrlFromEnv(type, env, typeof address === 'string' ? DEFAULT_LISTEN : address);
    providers[type.type] = { type: type.type, api_key: `\${${variable}}`, ...(base?.url && { base_url: base.url }) };
    found.push(`${type.type} (${type.label}, key from ${variable}${base ? `, ${base.note}` : ''})`);
  }
  const ollamaModels = await probeOllama();
  if (ollamaModels) {
    providers.ollama = { type: 'ollama', base_url: `${OLLAMA_URL}/v1` };
    found.push(`ollama (local server at ${OLLAMA_URL}, ${ollamaModels.length} model(s))`);
  }
  const masterKey = env.SWITCHYARD_MASTER_KEY;
  const raw = {
    ...(listen && { listen }),
    ...(masterKey && { auth: { master_key: '${SWITCHYARD_MASTER_KEY}' } }),
    providers,
  };
  return { config: buildConfig(raw, 'environment', env), found };
}

/**
 * The base URL a vendor's SDK variable names (`OPENAI_BASE_URL`), as the gateway's, with a note for the
 * banner; the variable is ignored when it points at this gateway itself (set for clients in the same shell,
 * as the Claude Code set-up does with ANTHROPIC_BASE_URL), which would send every request back to it.
 */
function baseUrlFromEnv(type: ProviderType, env: Env, listen: ListenAddress): { url?: string; note: string } | undefined {
  const variable = type.baseUrlEnv?.variable;
  const value = variable && env[variable]?.trim();
  if (!variable || !value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    // the config check names the variable's field and says what is wrong with it
    return { url: value, note: `base URL from ${variable}` };
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  if (port === listen.port && (host === listen.host || isLoopback(host) || listen.host === '0.0.0.0' || listen.host === '::')) {
    return { note: `${variable} ignored: it points at this gateway` };
  }
  const suffix = type.baseUrlEnv?.suffix ?? '';
  const trimmed = value.replace(/\/+$/, '');
  return { url: suffix && !trimmed.endsWith(suffix) ? `${trimmed}${suffix}` : trimmed, note: `base URL from ${variable}` };
}

/** The models of an Ollama server on its default port, or undefined when none answers quickly. */
export async function probeLocalOllama(): Promise<string[] | undefined> {
  try {
    const res = await request(`${OLLAMA_URL}/api/tags`, { signal: AbortSignal.timeout(500) });
    if (res.statusCode !== 200) {
      await res.body.dump();
      return undefined;
    }
    const body = (await res.body.json()) as { models?: Array<{ name?: string }> };
    return (body.models ?? []).map((m) => m.name).filter((n): n is string => typeof n === 'string');
  } catch {
    return undefined;
  }
}
