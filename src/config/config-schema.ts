import { Type, type Static } from '@sinclair/typebox';

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
    timeouts: Type.Optional(TimeoutsSchema),
  },
  closed,
);

export const ModelSchema = Type.Object(
  {
    deployments: Type.Array(Type.String({ description: '<provider id>/<upstream model name>' }), { minItems: 1 }),
  },
  closed,
);

export const ConfigSchema = Type.Object(
  {
    listen: Type.Optional(Type.String({ description: 'HOST:PORT, default 127.0.0.1:4000.' })),
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
        { master_key: Type.Optional(Type.String({ minLength: 16, description: 'Clients send it as a Bearer token.' })) },
        closed,
      ),
    ),
    limits: Type.Optional(
      Type.Object(
        {
          max_body_bytes: Type.Optional(Type.Integer({ minimum: 1024 })),
          shutdown_grace_ms: Type.Optional(Type.Integer({ minimum: 0 })),
        },
        closed,
      ),
    ),
    providers: Type.Optional(Type.Record(Type.String(), ProviderSchema)),
    models: Type.Optional(Type.Record(Type.String({ minLength: 1 }), ModelSchema)),
  },
  closed,
);

export type ConfigFile = Static<typeof ConfigSchema>;
