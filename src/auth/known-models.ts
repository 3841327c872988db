import type { ModelTable } from '../routing/model-table.js';

/** The model names a gateway serves, to check a key's `models` list against when the key is made. */
export interface KnownModels {
  /** Whether a client asking for this name would be served it (a model, a route, `<provider id>/<model>`). */
  has(name: string): boolean;
  /** The configured models and routes, for the message that names what may be given instead. */
  names: readonly string[];
  /** The provider ids, any of whose models may be named directly as `<provider id>/<model>`. */
  providers: readonly string[];
}

/** The names a model table answers to: its models and routes, and `<provider id>/<model>` for each provider. */
export function knownModelsOf(table: ModelTable, providerIds: readonly string[]): KnownModels {
  return { has: (name) => table.node(name) !== undefined, names: table.list().map((m) => m.id), providers: providerIds };
}

/** The first name of `models` the gateway does not serve, with what it does serve; undefined when all are known. */
export function unknownModelProblem(models: readonly string[], known: KnownModels): string | undefined {
  const unknown = models.find((m) => !known.has(m));
  if (unknown === undefined) return undefined;
  const names = known.names.length > 0 ? known.names.slice(0, 20).join(', ') + (known.names.length > 20 ? ', …' : '') : 'no configured models';
  const direct = known.providers.length > 0 ? `, or <provider>/<model> for its providers (${known.providers.join(', ')})` : '';
  return `unknown model '${unknown}': this gateway serves ${names}${direct}.`;
}
