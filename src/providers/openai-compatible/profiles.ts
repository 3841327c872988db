import type { ChatParam } from '../../spec/chat-request.js';

/**
 * An OpenAI-compatible vendor described as data: where it lives, how it authenticates, and which of the
 * known wire quirks it has. Adding a vendor is adding an entry here (and a fixture test), never code.
 */
export interface OpenAICompatibleProfile {
  /** The provider `type` used in config. */
  name: string;
  /** Human name for listings. */
  label: string;
  /** Default base URL (ending in the path that `/chat/completions` is appended to). */
  baseUrl?: string;
  /** The environment variable zero-config start looks at for this vendor's key. */
  apiKeyEnv?: string;
  /** The variable the vendor's SDK reads its base URL from; zero-config start honours it (ending in /v1). */
  baseUrlEnv?: string;
  /** Whether a key must be configured (hosted APIs) or may be absent (self-hosted servers). */
  requiresApiKey: boolean;
  /** Whether it serves `/embeddings`. */
  embeddings: boolean;
  /** Parameters the vendor rejects; requests that set them are refused with a clear error. */
  unsupportedParams?: readonly ChatParam[];
  /** Name of the output-limit field it expects. */
  maxTokensField?: 'max_tokens' | 'max_completion_tokens';
  /** Field renames on the way out (`seed` → `random_seed`). */
  renameFields?: Readonly<Record<string, string>>;
  /** Whether it accepts `stream_options: {include_usage: true}` (else it reports usage unasked or not at all). */
  streamUsageOption?: boolean;
  /** Reasoning arrives inline in the content as `<think>…</think>` and is split out. */
  thinkTags?: boolean;
  /**
   * It serves the Responses API (`POST /responses`): a request that arrived on the gateway's Responses door
   * is passed through there rather than translated to chat completions.
   */
  responses?: boolean;
}

export const OPENAI_COMPATIBLE_PROFILES: Readonly<Record<string, OpenAICompatibleProfile>> = Object.freeze({
  'openai-compatible': { name: 'openai-compatible', label: 'OpenAI-compatible server', requiresApiKey: false, embeddings: true },
  openai: {
    name: 'openai',
    label: 'OpenAI',
    baseUrl: 'https://api.openai.com/v1',
    apiKeyEnv: 'OPENAI_API_KEY',
    baseUrlEnv: 'OPENAI_BASE_URL',
    requiresApiKey: true,
    embeddings: true,
    maxTokensField: 'max_completion_tokens',
    responses: true,
  },
  deepseek: {
    name: 'deepseek',
    label: 'DeepSeek',
    baseUrl: 'https://api.deepseek.com/v1',
    apiKeyEnv: 'DEEPSEEK_API_KEY',
    requiresApiKey: true,
    embeddings: false,
    unsupportedParams: ['seed', 'logitBias'],
  },
  qwen: {
    name: 'qwen',
    label: 'Alibaba Cloud Model Studio (DashScope, compatible mode)',
    baseUrl: 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1',
    apiKeyEnv: 'DASHSCOPE_API_KEY',
    requiresApiKey: true,
    embeddings: true,
  },
  moonshot: {
    name: 'moonshot',
    label: 'Moonshot AI (Kimi)',
    baseUrl: 'https://api.moonshot.ai/v1',
    apiKeyEnv: 'MOONSHOT_API_KEY',
    requiresApiKey: true,
    embeddings: false,
  },
  zai: {
    name: 'zai',
    label: 'Z.ai (GLM)',
    baseUrl: 'https://api.z.ai/api/paas/v4',
    apiKeyEnv: 'ZAI_API_KEY',
    requiresApiKey: true,
    embeddings: true,
    unsupportedParams: ['logitBias', 'frequencyPenalty', 'presencePenalty'],
  },
  minimax: {
    name: 'minimax',
    label: 'MiniMax',
    baseUrl: 'https://api.minimax.io/v1',
    apiKeyEnv: 'MINIMAX_API_KEY',
    requiresApiKey: true,
    embeddings: false,
    thinkTags: true,
  },
  mistral: {
    name: 'mistral',
    label: 'Mistral AI',
    baseUrl: 'https://api.mistral.ai/v1',
    apiKeyEnv: 'MISTRAL_API_KEY',
    requiresApiKey: true,
    embeddings: true,
    renameFields: { seed: 'random_seed' },
    streamUsageOption: false,
    unsupportedParams: ['logitBias', 'user'],
  },
  together: {
    name: 'together',
    label: 'Together AI',
    baseUrl: 'https://api.together.xyz/v1',
    apiKeyEnv: 'TOGETHER_API_KEY',
    requiresApiKey: true,
    embeddings: true,
  },
  fireworks: {
    name: 'fireworks',
    label: 'Fireworks AI',
    baseUrl: 'https://api.fireworks.ai/inference/v1',
    apiKeyEnv: 'FIREWORKS_API_KEY',
    requiresApiKey: true,
    embeddings: true,
  },
  groq: {
    name: 'groq',
    label: 'Groq',
    baseUrl: 'https://api.groq.com/openai/v1',
    apiKeyEnv: 'GROQ_API_KEY',
    requiresApiKey: true,
    embeddings: false,
    unsupportedParams: ['logprobs', 'topLogprobs', 'logitBias'],
  },
  xai: {
    name: 'xai',
    label: 'xAI',
    baseUrl: 'https://api.x.ai/v1',
    apiKeyEnv: 'XAI_API_KEY',
    requiresApiKey: true,
    embeddings: false,
  },
  openrouter: {
    name: 'openrouter',
    label: 'OpenRouter',
    baseUrl: 'https://openrouter.ai/api/v1',
    apiKeyEnv: 'OPENROUTER_API_KEY',
    requiresApiKey: true,
    embeddings: false,
  },
  vllm: { name: 'vllm', label: 'vLLM', baseUrl: 'http://127.0.0.1:8000/v1', requiresApiKey: false, embeddings: true },
  sglang: { name: 'sglang', label: 'SGLang', baseUrl: 'http://127.0.0.1:30000/v1', requiresApiKey: false, embeddings: true },
  ollama: {
    name: 'ollama',
    label: 'Ollama',
    baseUrl: 'http://127.0.0.1:11434/v1',
    requiresApiKey: false,
    embeddings: true,
    unsupportedParams: ['logitBias'],
  },
  llamacpp: { name: 'llamacpp', label: 'llama.cpp server', baseUrl: 'http://127.0.0.1:8080/v1', requiresApiKey: false, embeddings: true },
});
