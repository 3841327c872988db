import type { AdapterSettings, ProviderAdapter } from '../spec/provider-adapter.js';
import { createAnthropicAdapter } from './anthropic/create-anthropic-adapter.js';
import { ANTHROPIC_COMPATIBLE_PROFILES } from './anthropic-compatible/profiles.js';
import { createGeminiAdapter } from './gemini/create-gemini-adapter.js';
import { createOpenAICompatibleAdapter } from './openai-compatible/create-openai-compatible-adapter.js';
import { OPENAI_COMPATIBLE_PROFILES } from './openai-compatible/profiles.js';
import { createSimulatedAdapter } from './simulated/create-simulated-adapter.js';
import type { SimulationSettings } from './simulated/simulation-settings.js';

/** What the gateway knows about a provider `type` before any config is read. */
export interface ProviderType {
  type: string;
  label: string;
  defaultBaseUrl?: string;
  /** Environment variables zero-config start reads the key from, in order. */
  apiKeyEnv: readonly string[];
  /**
   * The variable the vendor's own SDK takes its base URL from (`OPENAI_BASE_URL`), which zero-config start
   * honours for a provider it found a key for; `suffix` is what the gateway's base URL adds to the SDK's.
   */
  baseUrlEnv?: { variable: string; suffix?: string };
  requiresApiKey: boolean;
  /**
   * A stand-in that answers in process and reaches no network: it takes no base URL or key, and stands for
   * the catalog provider type its config names in `simulates` (that type's models, prices and facts).
   */
  simulated?: true;
  create(settings: ProviderSettings): ProviderAdapter;
}

/** What a provider type's factory is given: the adapter settings, and what some types take besides. */
export interface ProviderSettings extends AdapterSettings {
  thinkTags?: boolean;
  /** For a simulated provider: whom it stands for, its pace and its error rate. */
  simulation?: SimulationSettings;
}

/**
 * The only place that lists providers: every OpenAI-compatible profile, Anthropic, the vendors'
 * Anthropic-compatible endpoints, Gemini, and the simulated stand-in of any of them (`switchyard demo`).
 */
export const PROVIDER_TYPES: Readonly<Record<string, ProviderType>> = Object.freeze({
  ...Object.fromEntries(
    Object.values(OPENAI_COMPATIBLE_PROFILES).map((profile): [string, ProviderType] => [
      profile.name,
      {
        type: profile.name,
        label: profile.label,
        defaultBaseUrl: profile.baseUrl,
        apiKeyEnv: profile.apiKeyEnv ? [profile.apiKeyEnv] : [],
        ...(profile.baseUrlEnv && { baseUrlEnv: { variable: profile.baseUrlEnv } }),
        requiresApiKey: profile.requiresApiKey,
        create: (settings) => createOpenAICompatibleAdapter({ ...settings, profile }),
      },
    ]),
  ),
  anthropic: {
    type: 'anthropic',
    label: 'Anthropic',
    defaultBaseUrl: 'https://api.anthropic.com/v1',
    apiKeyEnv: ['ANTHROPIC_API_KEY'],
    // the Anthropic SDK's base URL is the host (it adds /v1/messages); the gateway's ends in /v1
    baseUrlEnv: { variable: 'ANTHROPIC_BASE_URL', suffix: '/v1' },
    requiresApiKey: true,
    create: createAnthropicAdapter,
  },
  // No env variable: the vendor's key already starts its OpenAI-compatible type at zero-config start, and one
  // key must not start two providers. These are chosen in a config file.
  ...Object.fromEntries(
    Object.values(ANTHROPIC_COMPATIBLE_PROFILES).map((profile): [string, ProviderType] => [
      profile.name,
      {
        type: profile.name,
        label: profile.label,
        defaultBaseUrl: profile.baseUrl,
        apiKeyEnv: [],
        requiresApiKey: true,
        create: (settings) => createAnthropicAdapter(settings, profile.auth),
      },
    ]),
  ),
  gemini: {
    type: 'gemini',
    label: 'Google Gemini API',
    defaultBaseUrl: 'https://generativelanguage.googleapis.com/v1beta',
    apiKeyEnv: ['GEMINI_API_KEY', 'GOOGLE_API_KEY'],
    requiresApiKey: true,
    create: createGeminiAdapter,
  },
  simulated: {
    type: 'simulated',
    label: 'Simulated provider (answers in process, no network)',
    apiKeyEnv: [],
    requiresApiKey: false,
    simulated: true,
    create: createSimulatedAdapter,
  },
});

/** Every provider type's name, sorted. */
export function providerTypeNames(): string[] {
  return Object.keys(PROVIDER_TYPES).sort();
}
