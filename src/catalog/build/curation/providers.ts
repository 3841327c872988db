import type { CatalogProvider, DataPolicy } from '../../catalog-types.js';

/** The day these policy pages were read (stored copies of the providers' own pages). */
const READ_ON = '2026-11-29';

function policy(p: Omit<DataPolicy, 'asOf'>): DataPolicy {
  return { ...p, asOf: READ_ON };
}

function selfHosted(id: string, name: string): CatalogProvider {
  // Runs wherever the user runs it: no jurisdiction of its own (empty), no third party to keep prompts.
  return { id, name, jurisdiction: '', firstPartyFor: [], selfHosted: true };
}

/**
 * Every provider type the gateway can reach. Jurisdiction is where the API the profile calls is operated.
 * A data policy is given only where the provider's own published page states it clearly; otherwise it is
 * left out rather than guessed (DeepSeek, Alibaba Model Studio, Moonshot, Z.ai, MiniMax, Mistral).
 */
export const CURATED_PROVIDERS: readonly CatalogProvider[] = [
  {
    id: 'openai',
    name: 'OpenAI',
    jurisdiction: 'US',
    firstPartyFor: ['OpenAI'],
    selfHosted: false,
    dataPolicy: policy({
      retention: 'API inputs and outputs kept up to 30 days in abuse-monitoring logs; not used for training unless you opt in',
      retentionDays: 30,
      zeroRetention: true,
      trainsOnPrompts: false,
      source: 'https://developers.openai.com/api/docs/guides/your-data',
    }),
  },
  {
    id: 'anthropic',
    name: 'Anthropic',
    jurisdiction: 'US',
    firstPartyFor: ['Anthropic'],
    selfHosted: false,
    dataPolicy: policy({
      retention: 'API inputs and outputs deleted within 30 days (longer if flagged for usage-policy review); zero retention by agreement',
      retentionDays: 30,
      zeroRetention: true,
      trainsOnPrompts: false,
      source: 'https://privacy.anthropic.com/en/articles/7996866-how-long-do-you-store-my-organization-s-data',
    }),
  },
  {
    id: 'gemini',
    name: 'Google Gemini API',
    jurisdiction: 'US',
    firstPartyFor: ['Google'],
    selfHosted: false,
    dataPolicy: policy({
      retention:
        'Unpaid tier: prompts and answers used to improve Google products, may be read by human reviewers; paid tier: kept 55 days for abuse monitoring only, not used for training',
      retentionDays: 55,
      zeroRetention: false,
      trainsOnPrompts: true,
      source: 'https://ai.google.dev/gemini-api/terms',
    }),
  },
  {
    id: 'xai',
    name: 'xAI',
    jurisdiction: 'US',
    firstPartyFor: ['xAI'],
    selfHosted: false,
    dataPolicy: policy({
      retention: 'API requests and responses kept 30 days for abuse audits, then deleted; never trained on without permission',
      retentionDays: 30,
      zeroRetention: true,
      trainsOnPrompts: false,
      source: 'https://docs.x.ai/docs/resources/faq-api/security',
    }),
  },
  { id: 'deepseek', name: 'DeepSeek', jurisdiction: 'CN', firstPartyFor: ['DeepSeek'], selfHosted: false },
  {
    // dashscope-intl.aliyuncs.com is Model Studio's Singapore region, contracted with Alibaba Cloud's
    // international (Singapore) entity; request data is stored in the region chosen. The Beijing endpoint
    // (dashscope.aliyuncs.com) would be CN.
    id: 'qwen',
    name: 'Alibaba Cloud Model Studio (international, Singapore)',
    jurisdiction: 'SG',
    firstPartyFor: ['Alibaba'],
    selfHosted: false,
  },
  {
    // api.moonshot.ai is the international Kimi platform (contract with Moonshot AI PTE. LTD., Singapore), but
    // where requests are processed is not stated; kept as CN, the developer's home, until it is.
    id: 'moonshot',
    name: 'Moonshot AI (Kimi)',
    jurisdiction: 'CN',
    firstPartyFor: ['Moonshot AI'],
    selfHosted: false,
  },
  {
    // api.z.ai is Z.ai's international platform, operated by JINGSHENG HENGXING TECHNOLOGY PTE. LTD. in Singapore,
    // which states that customer data is generally processed in Singapore. Zhipu's China platform
    // (open.bigmodel.cn) would be CN.
    id: 'zai',
    name: 'Z.ai (international)',
    jurisdiction: 'SG',
    firstPartyFor: ['Zhipu AI'],
    selfHosted: false,
  },
  {
    // api.minimax.io is MiniMax's international platform; the operating entity and processing location were not
    // found stated, so it stays CN, the developer's home (api.minimaxi.com is the China platform).
    id: 'minimax',
    name: 'MiniMax (international)',
    jurisdiction: 'CN',
    firstPartyFor: ['MiniMax'],
    selfHosted: false,
  },
  { id: 'mistral', name: 'Mistral AI', jurisdiction: 'FR', firstPartyFor: ['Mistral AI'], selfHosted: false },
  {
    id: 'together',
    name: 'Together AI',
    jurisdiction: 'US',
    firstPartyFor: [],
    selfHosted: false,
    dataPolicy: policy({
      retention:
        'Prompts and responses stored unless the organization turns storage off (zero data retention); training on them is opt-in, off by default',
      zeroRetention: true,
      trainsOnPrompts: false,
      source: 'https://docs.together.ai/docs/zero-data-retention',
    }),
  },
  {
    id: 'fireworks',
    name: 'Fireworks AI',
    jurisdiction: 'US',
    firstPartyFor: [],
    selfHosted: false,
    dataPolicy: policy({
      retention: 'Prompts and generations for open models are not logged or stored unless you opt in (zero retention by default)',
      retentionDays: 0,
      zeroRetention: true,
      trainsOnPrompts: false,
      source: 'https://docs.fireworks.ai/guides/security_compliance/data_handling',
    }),
  },
  {
    id: 'groq',
    name: 'Groq',
    jurisdiction: 'US',
    firstPartyFor: [],
    selfHosted: false,
    dataPolicy: policy({
      retention:
        'Inference inputs and outputs not retained by default, except when needed to troubleshoot failures or investigate abuse; zero data retention setting available',
      zeroRetention: true,
      trainsOnPrompts: false,
      source: 'https://console.groq.com/docs/your-data',
    }),
  },
  {
    id: 'openrouter',
    name: 'OpenRouter',
    jurisdiction: 'US',
    firstPartyFor: [],
    selfHosted: false,
    dataPolicy: policy({
      retention:
        'Depends on the upstream provider each request is routed to; by default routing may use providers that retain or train on prompts; zero-data-retention and no-training routing can be enforced',
      zeroRetention: true,
      trainsOnPrompts: true,
      source: 'https://openrouter.ai/docs/guides/privacy/zero-data-retention',
    }),
  },
  selfHosted('vllm', 'vLLM'),
  selfHosted('sglang', 'SGLang'),
  selfHosted('ollama', 'Ollama'),
  selfHosted('llamacpp', 'llama.cpp server'),
  selfHosted('openai-compatible', 'OpenAI-compatible server'),
];
