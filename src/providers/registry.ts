import type { AdapterSettings, ProviderAdapter } from '../spec/provider-adapter.js';
import { createAnthropicAdapter } from './anthropic/create-anthropic-adapter.js';
import { ANTHROPIC_COMPATIBLE_PROFILES } from './anthropic-compatible/profiles.js';
import { createGeminiAdapter } from './gemini/create-gemini-adapter.js';
import { createOpenAICompatibleAdapter } from './openai-compatible/create-openai-compatible-adapter.js';
import { OPENAI_COMPATIBLE_PROFILES } from './openai-compatible/profiles.js';

/** What the gateway knows about a provider `type` before any config is read. */
export interface ProviderType {
  type: string;
  label: string;
  defaultBaseUrl?: string;
  /** Environment variables zero-config start reads the key from, in order. */
  apiKeyEnv: readonly string[];
  requiresApiKey: boolean;
  create(settings: ProviderSettings): ProviderAdapter;
}

export interface ProviderSettings extends AdapterSettings {
  thinkTags?: boolean;
}

/**
 * The only place that lists providers: every OpenAI-compatible profile, Anthropic, the vendors'
 * Anthropic-compatible endpoints, and Gemini.
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
});

export function providerTypeNames(): string[] {
  return Object.keys(PROVIDER_TYPES).sort();
}
