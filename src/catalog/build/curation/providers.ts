import { ANTHROPIC_COMPATIBLE_PROFILES } from '../../../providers/anthropic-compatible/profiles.js';
import type { CatalogProvider, DataPolicy } from '../../catalog-types.js';

/**
 * The day these policy pages were read (stored copies of the providers' own pages). Third-party summaries
 * were read too, but a fact is recorded only where the provider's own page states it.
 */
const READ_ON = '2026-12-07';

function policy(p: Omit<DataPolicy, 'asOf'>): DataPolicy {
  return { ...p, asOf: READ_ON };
}

function selfHosted(id: string, name: string): CatalogProvider {
  // Runs wherever the user runs it: no jurisdiction of its own (empty), no third party to keep prompts.
  return { id, name, jurisdiction: '', firstPartyFor: [], selfHosted: true };
}

/**
 * The provider types that are another way into the same account as a listed type (a vendor's Anthropic-compatible
 * endpoint beside its OpenAI-compatible one): same operator, same data policy, and the build gives them the same
 * offers at the same prices.
 */
export const CURATED_OFFER_MIRRORS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.values(ANTHROPIC_COMPATIBLE_PROFILES).map((p) => [p.name, p.sameAccountAs]),
);

function sameAccountAs(id: string, base: CatalogProvider): CatalogProvider {
  return { ...base, id, name: `${base.name}, Anthropic-compatible endpoint` };
}

/**
 * Every provider type the gateway can reach. Jurisdiction is where the API the profile calls is operated.
 * A data fact is given only where the provider's own published page states it; otherwise it is left out
 * (unknown, which fails every policy meant as a guarantee) rather than guessed. Where a provider's own pages
 * contradict each other, the fact is left out too, or the class that keeps data is recorded.
 */
const DIRECT_PROVIDERS: readonly CatalogProvider[] = [
  {
    id: 'openai',
    name: 'OpenAI',
    jurisdiction: 'US',
    firstPartyFor: ['OpenAI'],
    selfHosted: false,
    dataPolicy: policy({
      retention: 'zero-on-request',
      retentionDays: 30,
      trainsOnPrompts: false,
      summary:
        'API inputs and outputs kept up to 30 days in abuse-monitoring logs; Zero Data Retention by prior approval from OpenAI; not used for training unless you opt in',
      sources: ['https://developers.openai.com/api/docs/guides/your-data'],
    }),
  },
  {
    // A third-party summary reports API retention cut to 7 days in September 2025; Anthropic's own page, as
    // read, still says 30, so 30 is recorded.
    id: 'anthropic',
    name: 'Anthropic',
    jurisdiction: 'US',
    firstPartyFor: ['Anthropic'],
    selfHosted: false,
    dataPolicy: policy({
      retention: 'zero-on-request',
      retentionDays: 30,
      trainsOnPrompts: false,
      summary:
        'API inputs and outputs deleted within 30 days (up to 2 years if flagged for a usage-policy review); zero retention by an agreement Anthropic approves; API data not used for training',
      sources: [
        'https://privacy.claude.com/en/articles/7996866-how-long-do-you-store-my-organization-s-data',
        'https://privacy.claude.com/en/articles/8956058-i-have-a-zero-data-retention-agreement-with-anthropic-what-products-does-it-apply-to',
        'https://privacy.claude.com/en/articles/7996875-can-you-delete-data-that-i-sent-via-api',
      ],
    }),
  },
  {
    // Training depends on the tier, which the gateway cannot see: the free tier's default is recorded. A paid
    // account declares `trains_on_prompts: false` in the config.
    id: 'gemini',
    name: 'Google Gemini API',
    jurisdiction: 'US',
    firstPartyFor: ['Google'],
    selfHosted: false,
    dataPolicy: policy({
      retention: 'zero-on-request',
      retentionDays: 55,
      trainsOnPrompts: true,
      summary:
        'Prompts and answers logged 55 days for abuse monitoring; zero retention per project on approval; the unpaid tier uses them to improve Google products (human reviewers may read them), the paid tier does not',
      sources: [
        'https://ai.google.dev/gemini-api/terms',
        'https://ai.google.dev/gemini-api/docs/zdr',
        'https://ai.google.dev/gemini-api/docs/abuse-monitoring',
      ],
    }),
  },
  {
    id: 'xai',
    name: 'xAI',
    jurisdiction: 'US',
    firstPartyFor: ['xAI'],
    selfHosted: false,
    dataPolicy: policy({
      retention: 'zero-on-request',
      retentionDays: 30,
      trainsOnPrompts: false,
      summary:
        'API requests and responses stored 30 days for abuse audits, then deleted; Zero Data Retention for enterprise teams; never trained on without permission',
      sources: ['https://docs.x.ai/developers/faq/security'],
    }),
  },
  // DeepSeek: its own API terms and privacy policy could not be read here (only third-party copies, which
  // disagree on whether API traffic is trained on), so nothing is recorded.
  { id: 'deepseek', name: 'DeepSeek', jurisdiction: 'CN', firstPartyFor: ['DeepSeek'], selfHosted: false },
  {
    // dashscope-intl.aliyuncs.com is Model Studio's Singapore region, contracted with Alibaba Cloud's
    // international (Singapore) entity; request data is stored in the region chosen. The Beijing endpoint
    // (dashscope.aliyuncs.com) would be CN. Retention is left unknown: the privacy notice says direct API calls
    // are not saved, the regions page that inputs and outputs are stored in the chosen region.
    id: 'qwen',
    name: 'Alibaba Cloud Model Studio (international, Singapore)',
    jurisdiction: 'SG',
    firstPartyFor: ['Alibaba'],
    selfHosted: false,
    dataPolicy: policy({
      trainsOnPrompts: false,
      summary:
        'Customer data never used for model training; on retention its pages disagree (direct API calls not saved, vs inputs and outputs stored in the chosen region)',
      sources: ['https://www.alibabacloud.com/help/en/model-studio/privacy-notice', 'https://www.alibabacloud.com/help/en/model-studio/regions'],
    }),
  },
  {
    // api.moonshot.ai is the international Kimi platform (contract with Moonshot AI PTE. LTD., Singapore), but
    // where requests are processed is not stated; kept as CN, the developer's home, until it is. Its platform
    // terms were found, but not a statement on retention or training of API data.
    id: 'moonshot',
    name: 'Moonshot AI (Kimi)',
    jurisdiction: 'CN',
    firstPartyFor: ['Moonshot AI'],
    selfHosted: false,
  },
  {
    // api.z.ai is Z.ai's international platform, operated by JINGSHENG HENGXING TECHNOLOGY PTE. LTD. in Singapore,
    // which states that customer data is generally processed in Singapore. Zhipu's China platform
    // (open.bigmodel.cn) would be CN. A third-party summary of its DPA says API content is not stored; Z.ai's
    // own page could not be read here, so no data policy is recorded.
    id: 'zai',
    name: 'Z.ai (international)',
    jurisdiction: 'SG',
    firstPartyFor: ['Zhipu AI'],
    selfHosted: false,
  },
  {
    // api.minimax.io is MiniMax's international platform; the operating entity and processing location were not
    // found stated, so it stays CN, the developer's home (api.minimaxi.com is the China platform). No data
    // policy of its own was found.
    id: 'minimax',
    name: 'MiniMax (international)',
    jurisdiction: 'CN',
    firstPartyFor: ['MiniMax'],
    selfHosted: false,
  },
  {
    // Retention days: third-party summaries of Mistral's privacy policy give 30, not verified on its own page.
    // Training depends on the plan: the free plan's default is recorded; a paid plan declares
    // `trains_on_prompts: false` in the config.
    id: 'mistral',
    name: 'Mistral AI',
    jurisdiction: 'FR',
    firstPartyFor: ['Mistral AI'],
    selfHosted: false,
    dataPolicy: policy({
      retention: 'zero-on-request',
      trainsOnPrompts: true,
      summary:
        'Zero data retention for stateless API calls on paid plans, on request; the free Experiment plan may train on inputs and outputs (opt-out), the pay-per-use plan does not',
      sources: [
        'https://docs.mistral.ai/admin/monitor-comply/zero-data-retention',
        'https://help.mistral.ai/en/articles/323757-do-you-use-my-user-data-to-train-your-artificial-intelligence-models',
      ],
    }),
  },
  {
    // Together's pages disagree: its privacy page says inputs and outputs are not stored by default, its
    // zero-data-retention page that they are unless the organization turns storage off. The class that keeps
    // data is recorded; an organization with storage off declares `zero_retention: true` in the config.
    id: 'together',
    name: 'Together AI',
    jurisdiction: 'US',
    firstPartyFor: [],
    selfHosted: false,
    dataPolicy: policy({
      retention: 'zero-on-request',
      trainsOnPrompts: false,
      summary:
        'Prompts and responses stored (and may be used for product improvement) unless the organization sets "Store prompts and model responses" to No; training on them is a separate opt-in, off by default',
      sources: ['https://docs.together.ai/docs/zero-data-retention', 'https://docs.together.ai/docs/privacy-and-security'],
    }),
  },
  {
    id: 'fireworks',
    name: 'Fireworks AI',
    jurisdiction: 'US',
    firstPartyFor: [],
    selfHosted: false,
    dataPolicy: policy({
      retention: 'zero-by-default',
      trainsOnPrompts: false,
      summary:
        'Prompts and generations for open models are not logged or stored unless you opt in (zero retention by default); the Responses API stores conversations 30 days unless store=false',
      sources: ['https://docs.fireworks.ai/guides/security_compliance/data_handling'],
    }),
  },
  {
    // Groq keeps nothing for inference "by default" but may log inputs and outputs up to 30 days to troubleshoot
    // or investigate abuse unless Zero Data Retention is turned on: that is not keeping nothing. Its page does
    // not say whether it trains on prompts.
    id: 'groq',
    name: 'Groq',
    jurisdiction: 'US',
    firstPartyFor: [],
    selfHosted: false,
    dataPolicy: policy({
      retention: 'zero-on-request',
      retentionDays: 30,
      summary:
        'Inference inputs and outputs may be logged up to 30 days to troubleshoot failures or investigate abuse; any customer can turn on Zero Data Retention in Data Controls',
      sources: ['https://console.groq.com/docs/your-data'],
    }),
  },
  {
    // OpenRouter forwards each request to an upstream with its own policy: by default the routing may pick one
    // that stores and trains on prompts, so neither zero retention nor no training holds by default.
    id: 'openrouter',
    name: 'OpenRouter',
    jurisdiction: 'US',
    firstPartyFor: [],
    selfHosted: false,
    dataPolicy: policy({
      retention: 'zero-on-request',
      trainsOnPrompts: true,
      summary:
        'Depends on the upstream each request is routed to; by default (data_collection: allow) that may be one that stores and trains on prompts; an account or request setting restricts routing to zero-retention endpoints',
      sources: ['https://openrouter.ai/docs/features/zdr', 'https://openrouter.ai/docs/client-sdks/typescript/models/datacollection'],
    }),
  },
  selfHosted('vllm', 'vLLM'),
  selfHosted('sglang', 'SGLang'),
  selfHosted('ollama', 'Ollama'),
  selfHosted('llamacpp', 'llama.cpp server'),
  selfHosted('openai-compatible', 'OpenAI-compatible server'),
];

export const CURATED_PROVIDERS: readonly CatalogProvider[] = [
  ...DIRECT_PROVIDERS,
  ...Object.entries(CURATED_OFFER_MIRRORS).map(([id, base]) => {
    const found = DIRECT_PROVIDERS.find((p) => p.id === base);
    if (!found) throw new Error(`${id}: no curated provider "${base}" to share an account with`);
    return sameAccountAs(id, found);
  }),
];
