import { request } from 'undici';
import { PROVIDER_TYPES } from '../providers/registry.js';
import type { GatewayConfig } from './gateway-config.js';
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
  for (const type of Object.values(PROVIDER_TYPES)) {
    const variable = type.apiKeyEnv.find((name) => env[name]);
    if (!variable) continue;
    providers[type.type] = { type: type.type, api_key: `\${${variable}}` };
    found.push(`${type.type} (${type.label}, key from ${variable})`);
  }
  const ollamaModels = await probeOllama();
  if (ollamaModels) {
    providers.ollama = { type: 'ollama', base_url: `${OLLAMA_URL}/v1` };
    found.push(`ollama (local server at ${OLLAMA_URL}, ${ollamaModels.length} model(s))`);
  }
  const listen = env.SWITCHYARD_LISTEN;
  const masterKey = env.SWITCHYARD_MASTER_KEY;
  const raw = {
    ...(listen && { listen }),
    ...(masterKey && { auth: { master_key: '${SWITCHYARD_MASTER_KEY}' } }),
    providers,
  };
  return { config: buildConfig(raw, 'environment', env), found };
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
