import { Type, type Static, type TSchema } from '@sinclair/typebox';

/**
 * The config file's schema: one source for validation at start and for the JSON Schema editors use
 * (`switchyard config-schema`). Every object is closed: an unknown key is an error with its path.
 */
const closed = { additionalProperties: false } as const;

export const TimeoutsSchema = Type.Object(
  {
    connect_ms: Type.Optional(Type.Integer({ minimum: 1, description: 'Time to open a connection.' })),
    first_byte_ms: Type.Optional(Type.Integer({ minimum: 1, description: 'Time until the provider starts answering.' })),
    idle_ms: Type.Optional(Type.Integer({ minimum: 1, description: 'Longest silence between two parts of an answer.' })),
    total_ms: Type.Optional(Type.Integer({ minimum: 1, description: 'Longest a whole attempt may take.' })),
  },
  closed,
);

/** USD per million tokens, for a deployment the catalog has no price for (a self-hosted server). */
export const PriceSchema = Type.Object(
  {
    input: Type.Number({ minimum: 0 }),
    output: Type.Number({ minimum: 0 }),
    cached_input: Type.Optional(Type.Number({ minimum: 0 })),
    cache_write: Type.Optional(Type.Number({ minimum: 0 })),
    reasoning: Type.Optional(Type.Number({ minimum: 0 })),
  },
  closed,
);

export const ProviderSchema = Type.Object(
  {
    type: Type.String({ description: 'anthropic, gemini, openai-compatible, or a vendor profile such as deepseek.' }),
    api_key: Type.Optional(Type.String({ description: 'Use ${ENV_VAR}: keys do not belong in files.' })),
    base_url: Type.Optional(Type.String({ description: 'Overrides the profile default; required for openai-compatible.' })),
    headers: Type.Optional(Type.Record(Type.String(), Type.String())),
    think_tags: Type.Optional(Type.Boolean({ description: 'Split <think>…</think> out of the content as reasoning.' })),
    pass_through: Type.Optional(
      Type.Boolean({
        description:
          'Default true: a request on a wire this provider speaks itself (Anthropic Messages to an Anthropic-wire provider, Responses to OpenAI) is sent as the client wrote it; false: always translated.',
      }),
    ),
    self_hosted: Type.Optional(
      Type.Boolean({
        description:
          'A server you run (keeps and learns nothing you did not set up). Default: true for vllm, sglang, ollama, llamacpp and openai-compatible on a loopback or private address.',
      }),
    ),
    jurisdiction: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO country this provider hosts in, for policies (overrides the catalog).' })),
    zero_retention: Type.Optional(
      Type.Boolean({ description: 'A zero-retention agreement covers this account (overrides the catalog and catalog.providers for this provider only).' }),
    ),
    trains_on_prompts: Type.Optional(Type.Boolean({ description: 'Whether this account may be trained on (overrides the catalog for this provider only).' })),
    timeouts: Type.Optional(TimeoutsSchema),
    retries: Type.Optional(Type.Integer({ minimum: 0, maximum: 10, description: 'Retries on the same deployment when no other is left (default 2).' })),
    prices: Type.Optional(
      Type.Record(Type.String(), PriceSchema, { description: 'Prices by upstream model name; they override the catalog.' }),
    ),
    // type: simulated only (switchyard demo): an in-process stand-in for a real provider type
    simulates: Type.Optional(
      Type.String({ minLength: 1, description: 'type simulated: the provider type it stands for (e.g. deepseek); its models, prices, jurisdiction and data policy apply.' }),
    ),
    ttft_ms: Type.Optional(Type.Integer({ minimum: 0, description: 'type simulated: typical time to the first token, ms (default 500).' })),
    tokens_per_second: Type.Optional(Type.Number({ exclusiveMinimum: 0, description: 'type simulated: typical output speed (default 60).' })),
    error_rate: Type.Optional(
      Type.Number({ minimum: 0, maximum: 1, description: 'type simulated: share of requests answered with a 429 or a 5xx (default 0).' }),
    ),
  },
  closed,
);

export const RouteTargetSchema = Type.Union([
  Type.String({ description: 'A route, a configured model, or <provider id>/<upstream model>.' }),
  Type.Object({ target: Type.String(), weight: Type.Optional(Type.Number({ exclusiveMinimum: 0 })) }, closed),
]);

const TierSchema = Type.Array(Type.String({ description: 'A route, a configured model, or <provider id>/<upstream model>.' }), { minItems: 1 });

export const ShadowSchema = Type.Object(
  {
    sample: Type.Number({ exclusiveMinimum: 0, maximum: 1, description: 'Share of requests also sent to the other tier in the background.' }),
    budget_usd: Type.Number({ exclusiveMinimum: 0, description: 'Most the shadow requests may spend per day.' }),
    store_answers: Type.Optional(Type.Boolean({ description: 'Keep the prompt and both answers (for training); off unless set.' })),
    max_stored_chars: Type.Optional(Type.Integer({ minimum: 100, description: 'Cap on each stored prompt and answer (default 8000).' })),
    judge: Type.Optional(Type.String({ description: 'A model asked whether the cheap answer is as good as the strong one.' })),
  },
  closed,
);

export const SelfCheckSchema = Type.Object(
  {
    fallback: Type.Union(
      [
        Type.Literal('strong'),
        Type.Literal('weak'),
        Type.Object({ strong_share: Type.Number({ minimum: 0, maximum: 1, description: 'Send this share of requests, drawn at random, to the strong tier.' }) }, closed),
      ],
      { description: 'What routes while the router is found worse than random: every request strong, every request weak, or a random strong share.' },
    ),
    when: Type.Optional(
      Type.Union([Type.Literal('worse'), Type.Literal('not_better')], {
        description: "worse (default): fall back when the router is found worse than random; not_better: also while it is not shown better (once min_samples are judged).",
      }),
    ),
    min_samples: Type.Optional(Type.Integer({ minimum: 10, description: 'Judged shadow samples needed before any verdict (default 50).' })),
    window_days: Type.Optional(Type.Number({ exclusiveMinimum: 0, description: 'Judged samples from this many days back (default 30).' })),
    every_seconds: Type.Optional(Type.Integer({ minimum: 1, description: 'How often the check reads the samples again (default 60).' })),
  },
  closed,
);

export const RouteSchema = Type.Object(
  {
    strategy: Type.Union(
      [Type.Literal('fallback'), Type.Literal('weighted'), Type.Literal('lowest-price'), Type.Literal('lowest-latency'), Type.Literal('cost-quality')],
      {
        description:
          'fallback: in order; weighted: by weight, then the rest; lowest-price; lowest-latency (moving p50 of time to first token); cost-quality: the cheap tier unless the router predicts the prompt needs the strong one.',
      },
    ),
    targets: Type.Optional(Type.Array(RouteTargetSchema, { minItems: 1, description: 'Required for every strategy but cost-quality.' })),
    weak: Type.Optional(TierSchema),
    strong: Type.Optional(TierSchema),
    threshold: Type.Optional(
      Type.Object(
        {
          score: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: 'Strong tier when the score is below this.' })),
          strong_share: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: 'Aim for this share of strong calls.' })),
          quality: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: "Aim for this share of the strong tier's quality." })),
        },
        { ...closed, description: 'cost-quality: one of score, strong_share or quality (default strong_share 0.3).' },
      ),
    ),
    router_model: Type.Optional(Type.String({ description: 'cost-quality: a model file from `switchyard router train`; default the shipped one.' })),
    shadow: Type.Optional(ShadowSchema),
    self_check: Type.Optional(SelfCheckSchema),
    hedge_after_ms: Type.Optional(
      Type.Integer({ minimum: 1, description: 'Start the next deployment if the first has sent no token by then; keep the faster.' }),
    ),
  },
  closed,
);

export const ModelSchema = Type.Object(
  {
    deployments: Type.Array(Type.String({ description: '<provider id>/<upstream model name>' }), { minItems: 1 }),
  },
  closed,
);

/** Additions and changes to the built-in catalog. */
export const CatalogConfigSchema = Type.Object(
  {
    models: Type.Optional(
      Type.Record(
        Type.String(),
        Type.Object(
          {
            name: Type.Optional(Type.String()),
            developer: Type.Optional(Type.String()),
            origin: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2 country of the developer.' })),
            open_weights: Type.Optional(Type.Boolean()),
            license: Type.Optional(Type.String()),
            context_length: Type.Optional(Type.Integer({ minimum: 1 })),
            aliases: Type.Optional(Type.Array(Type.String(), { description: 'Names a self-hosted server serves it under.' })),
            capabilities: Type.Optional(
              Type.Object(
                {
                  tools: Type.Optional(Type.Boolean()),
                  vision: Type.Optional(Type.Boolean()),
                  json_output: Type.Optional(Type.Boolean()),
                  reasoning: Type.Optional(Type.Boolean()),
                },
                closed,
              ),
            ),
          },
          closed,
        ),
        { description: 'Models to add (developer, origin, open_weights, license, context_length required) or change, by catalog id.' },
      ),
    ),
    providers: Type.Optional(
      Type.Record(
        Type.String(),
        Type.Object(
          {
            jurisdiction: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$' })),
            zero_retention: Type.Optional(
              Type.Boolean({
                description:
                  'true: you have a zero-retention agreement or setting with this provider type, so zero_retention policies and zdr requests may use it; false: it keeps your prompts whatever the catalog says.',
              }),
            ),
            trains_on_prompts: Type.Optional(Type.Boolean({ description: 'Whether it trains on your prompts under your account (e.g. false on a paid tier that does not).' })),
            retention: Type.Optional(Type.String({ description: 'A note on your arrangement (a contract reference), shown by catalog --providers.' })),
          },
          closed,
        ),
        { description: 'By provider type: its jurisdiction, and your own data arrangement with it (declared by you, shown beside the catalog\'s published facts).' },
      ),
    ),
  },
  closed,
);

const countryList = (extra = '') =>
  Type.Array(Type.String({ pattern: `^([A-Z]{2}${extra})$`, description: 'ISO 3166-1 alpha-2 country code, or EU for its member states.' }));

const AllowDenySchema = <T extends TSchema>(list: T) => Type.Object({ allow: Type.Optional(list), deny: Type.Optional(list) }, closed);

/** The rules one policy level (or one conditional rule) sets. */
const policyRuleProperties = {
  origins: Type.Optional(AllowDenySchema(countryList())),
  developers: Type.Optional(AllowDenySchema(Type.Array(Type.String({ minLength: 1 })))),
  jurisdictions: Type.Optional(AllowDenySchema(countryList('|self-hosted'))),
  licenses: Type.Optional(AllowDenySchema(Type.Array(Type.String({ minLength: 1 })))),
  closed_models: Type.Optional(Type.Union([Type.Literal('allow'), Type.Literal('deny')], { description: 'deny: open-weight models only.' })),
  zero_retention: Type.Optional(Type.Boolean({ description: 'true: only providers known to keep nothing (self-hosted servers do).' })),
  no_training: Type.Optional(Type.Boolean({ description: 'true: only providers known not to train on prompts.' })),
  unknown_facts: Type.Optional(
    Type.Union([Type.Literal('deny'), Type.Literal('allow')], {
      description: 'allow: deny lists let through models or hosts whose value is unknown (e.g. embedding models); default deny.',
    }),
  ),
};

export const PolicySchema = Type.Object(
  {
    ...policyRuleProperties,
    rules: Type.Optional(
      Type.Array(
        Type.Object(
          {
            name: Type.String({ pattern: '^[A-Za-z0-9_.-]+$', description: 'Named in every exclusion it causes.' }),
            when: Type.Object(
              {
                origins: Type.Optional(countryList()),
                developers: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
                models: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { description: 'Catalog model ids.' })),
              },
              closed,
            ),
            ...policyRuleProperties,
          },
          { ...closed, description: 'Rules that apply only to models matching `when` (e.g. Chinese-origin models only on US hosts).' },
        ),
      ),
    ),
  },
  closed,
);

export const PoliciesSchema = Type.Object(
  {
    global: Type.Optional(PolicySchema),
    teams: Type.Optional(Type.Record(Type.String({ minLength: 1 }), PolicySchema, { description: 'By team name.' })),
    keys: Type.Optional(Type.Record(Type.String({ minLength: 1 }), PolicySchema, { description: "By virtual key: its id, or its prefix as `switchyard keys list` prints it (sy-..., with or without the '…')." })),
  },
  { ...closed, description: 'Provider-risk policies; every level that applies to a request must allow a deployment.' },
);

export const ConcentrationSchema = Type.Object(
  {
    by: Type.Union([Type.Literal('provider'), Type.Literal('developer'), Type.Literal('origin')]),
    max_share: Type.Number({ exclusiveMinimum: 0, maximum: 1, description: 'Largest share of traffic one group may take.' }),
    measure: Type.Optional(Type.Union([Type.Literal('requests'), Type.Literal('tokens'), Type.Literal('spend')], { description: 'Default requests.' })),
    window: Type.Optional(Type.String({ pattern: '^[1-9][0-9]*(s|m|h|d)$', description: 'Sliding window, e.g. 15m, 1h (default 1h).' })),
    only: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { description: 'Cap only these groups (all when absent).' })),
  },
  closed,
);

export const ConfigSchema = Type.Object(
  {
    listen: Type.Optional(Type.String({ description: 'HOST:PORT, default 127.0.0.1:4000.' })),
    allowed_hosts: Type.Optional(
      Type.Array(Type.String({ minLength: 1, pattern: '^[^:/\\s]+$|^\\[[0-9a-fA-F:.]+\\]$' }), {
        description: 'Host names the gateway answers to (the Host header, without port). Default: loopback names when listening on loopback, any otherwise.',
      }),
    ),
    allowed_origins: Type.Optional(
      Type.Array(Type.String({ pattern: '^https?://[^/\\s]+$' }), {
        description: 'Web origins whose pages may call the gateway (CORS), e.g. https://app.example.com. Default none: requests from other sites are refused.',
      }),
    ),
    storage: Type.Optional(
      Type.String({
        pattern: '^(sqlite:.+|postgres(ql)?://.+)',
        description: 'sqlite:PATH (default sqlite:./switchyard.db; sqlite::memory: keeps nothing), or postgres://USER@HOST/DB shared by many processes.',
      }),
    ),
    // scaling out (docs/scaling.md): the shared PostgreSQL ledger's local spool, and Redis for counters
    spool_dir: Type.Optional(Type.String({ minLength: 1, description: 'With postgres storage: the local folder ledger rows are spooled to (default ./switchyard-spool).' })),
    redis: Type.Optional(Type.String({ pattern: '^rediss?://.+', description: 'redis://HOST:PORT: rate limits, budget reservations and notifications shared by every process.' })),
    redis_prefix: Type.Optional(Type.String({ minLength: 1, description: "Prefix of every Redis key and channel (default 'switchyard:')." })),
    redis_failure: Type.Optional(
      Type.Union([Type.Literal('fail_closed'), Type.Literal('fail_open')], {
        description: 'Rate limits while Redis is unreachable: refuse with 503 store_unavailable (default), or apply per-process approximate limits.',
      }),
    ),
    redis_budget_failure: Type.Optional(
      Type.Union([Type.Literal('fail_closed'), Type.Literal('fail_open')], { description: 'Budgets while Redis is unreachable (default fail_closed).' }),
    ),
    catalog: Type.Optional(CatalogConfigSchema),
    baseline: Type.Optional(
      Type.String({ description: 'What savings are measured against: <provider type>/<model> (e.g. openai/gpt-5) or a catalog model id.' }),
    ),
    log_level: Type.Optional(
      Type.Union([
        Type.Literal('fatal'),
        Type.Literal('error'),
        Type.Literal('warn'),
        Type.Literal('info'),
        Type.Literal('debug'),
        Type.Literal('trace'),
        Type.Literal('silent'),
      ]),
    ),
    auth: Type.Optional(
      Type.Object(
        {
          master_key: Type.Optional(Type.String({ minLength: 16, description: 'Clients send it as a Bearer token; no limits apply.' })),
          admin_key: Type.Optional(
            Type.String({ minLength: 16, description: 'Protects /admin (keys, reports); default $SWITCHYARD_ADMIN_KEY.' }),
          ),
          metrics_key: Type.Optional(
            Type.String({
              minLength: 16,
              description: 'Protects GET /metrics (Prometheus sends it as a bearer token); default $SWITCHYARD_METRICS_KEY. Without it the admin key does; without either, /metrics is open on loopback only.',
            }),
          ),
        },
        closed,
      ),
    ),
    allow_literal_secrets: Type.Optional(
      Type.Boolean({
        description:
          'true: start on a non-loopback address even with secrets written in this file rather than ${ENV} references (keep the file itself secret). Default false.',
      }),
    ),
    limits: Type.Optional(
      Type.Object(
        {
          max_body_bytes: Type.Optional(Type.Integer({ minimum: 1024, description: 'Largest request body (default 16 MiB); larger: 413.' })),
          shutdown_grace_ms: Type.Optional(Type.Integer({ minimum: 0 })),
          stored_body_bytes: Type.Optional(
            Type.Integer({ minimum: 0, description: 'Cap on each body kept in the ledger for keys that store bodies.' }),
          ),
          request_timeout_ms: Type.Optional(
            Type.Integer({ minimum: 1000, description: 'Time for a client to send its whole request, headers and body (default 30000); slower: 408.' }),
          ),
          headers_timeout_ms: Type.Optional(
            Type.Integer({ minimum: 1000, description: 'Time for a client to send its request headers (default 10000); slower: 408.' }),
          ),
          keep_alive_timeout_ms: Type.Optional(Type.Integer({ minimum: 1000, description: 'An idle client connection is closed after this (default 65000).' })),
          max_header_bytes: Type.Optional(Type.Integer({ minimum: 4096, maximum: 1048576, description: 'Largest request header block (default 16384); larger: 431.' })),
          max_connections: Type.Optional(
            Type.Integer({ minimum: 1, description: 'Client connections open at once (default 10000); past it new connections are closed at once.' }),
          ),
          max_concurrent_per_key: Type.Optional(
            Type.Integer({ minimum: 1, description: 'Requests and streams one key may have in flight in this process (default 5000); more: 429.' }),
          ),
          max_buffered_body_bytes: Type.Optional(
            Type.Integer({ minimum: 1048576, description: 'Request body bytes all clients together may have in flight (default 256 MiB); past it: 503.' }),
          ),
          max_upstream_body_bytes: Type.Optional(
            Type.Integer({ minimum: 65536, description: "Largest JSON answer read from a provider (default 64 MiB); larger: 502." }),
          ),
          max_upstream_event_bytes: Type.Optional(
            Type.Integer({ minimum: 65536, description: 'Largest single event of a provider stream (default 8 MiB); larger: the stream fails (502).' }),
          ),
          unknown_price: Type.Optional(
            Type.Object(
              { input: Type.Number({ minimum: 0 }), output: Type.Number({ minimum: 0 }) },
              {
                ...closed,
                description:
                  'USD per million tokens charged against budgets for deployments with no known price. Without it, a key with a budget is never sent to such a deployment.',
              },
            ),
          ),
        },
        closed,
      ),
    ),
    providers: Type.Optional(Type.Record(Type.String(), ProviderSchema)),
    models: Type.Optional(Type.Record(Type.String({ minLength: 1 }), ModelSchema)),
    routes: Type.Optional(Type.Record(Type.String({ minLength: 1 }), RouteSchema, { description: 'Named routes clients can ask for as a model.' })),
    policies: Type.Optional(PoliciesSchema),
    concentration: Type.Optional(Type.Array(ConcentrationSchema, { description: 'Caps on the share of traffic one provider, developer or origin may take.' })),
    health: Type.Optional(
      Type.Object(
        {
          failure_threshold: Type.Optional(Type.Integer({ minimum: 1 })),
          error_rate_threshold: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1 })),
          window_size: Type.Optional(Type.Integer({ minimum: 1 })),
          min_requests: Type.Optional(Type.Integer({ minimum: 1 })),
          open_ms: Type.Optional(Type.Integer({ minimum: 1 })),
          max_open_ms: Type.Optional(Type.Integer({ minimum: 1, description: 'Failed probes double the open period up to this.' })),
          cooldown_ms: Type.Optional(Type.Integer({ minimum: 1, description: 'A 429 without Retry-After cools the deployment down this long.' })),
          max_cooldown_ms: Type.Optional(Type.Integer({ minimum: 1, description: 'The longest cool-down, whatever Retry-After asks.' })),
          panic: Type.Optional(Type.Boolean({ description: 'true (default): when every deployment is paused, try the one back soonest rather than refuse.' })),
        },
        closed,
      ),
    ),
    cache: Type.Optional(
      Type.Object(
        {
          enabled: Type.Optional(Type.Boolean({ description: 'Answer repeated requests from the response cache (default false).' })),
          ttl_seconds: Type.Optional(Type.Integer({ minimum: 1, description: 'How long an answer stays servable (default 3600).' })),
          scope: Type.Optional(
            Type.Union([Type.Literal('key'), Type.Literal('team'), Type.Literal('global')], {
              description: "Who shares entries: each key its own (default), each team, or every caller ('global').",
            }),
          ),
          models: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { description: 'Only requests for these models or routes (default: all).' })),
          teams: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { description: 'Only requests of keys in these teams (default: all).' })),
          keys: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { description: 'Only requests of these keys, by name or id (default: all).' })),
          deterministic_only: Type.Optional(
            Type.Boolean({ description: 'true (default): only requests with temperature 0 or a seed are cached.' }),
          ),
          max_bytes: Type.Optional(Type.Integer({ minimum: 1024, description: 'Size of the whole cache; the oldest entries go first (default 256 MiB).' })),
          max_entry_bytes: Type.Optional(Type.Integer({ minimum: 256, description: 'Larger answers are not cached (default 1 MiB).' })),
          hits_spend_budget: Type.Optional(
            Type.Boolean({ description: "false (default): a hit counts toward the key's rate limits but spends nothing; true: it spends what it would have cost." }),
          ),
          path: Type.Optional(Type.String({ minLength: 1, description: 'Without Redis: the SQLite file of the cache (default: beside the ledger, <ledger>-cache.db).' })),
        },
        { ...closed, description: 'Exact-match response cache (docs/caching.md); off by default.' },
      ),
    ),
    telemetry: Type.Optional(
      Type.Object(
        {
          otlp: Type.Optional(
            Type.Object(
              {
                endpoint: Type.String({
                  pattern: '^https?://[^\\s]+$',
                  description: "The collector's OTLP/HTTP traces URL, e.g. http://127.0.0.1:4318/v1/traces (spans are sent as JSON).",
                }),
                headers: Type.Optional(
                  Type.Record(Type.String({ minLength: 1 }), Type.String(), { description: 'Headers sent with every export, e.g. an API key from ${ENV}; never logged.' }),
                ),
                service_name: Type.Optional(Type.String({ minLength: 1, description: "service.name of the spans (default 'switchyard')." })),
                capture_content: Type.Optional(
                  Type.Boolean({ description: 'Put prompts and answers in spans (gen_ai.input.messages, gen_ai.output.messages), truncated; default false.' }),
                ),
                sample_ratio: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: 'Share of requests traced (default 1).' })),
              },
              closed,
            ),
          ),
        },
        { ...closed, description: 'Request traces over OpenTelemetry OTLP/HTTP (docs/telemetry.md); off when absent.' },
      ),
    ),
  },
  closed,
);

export type ConfigFile = Static<typeof ConfigSchema>;
