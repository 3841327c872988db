import type { CatalogOverrides, ModelOverride, ProviderOverride } from '../catalog/catalog-overrides.js';
import type { CatalogProvider } from '../catalog/catalog-types.js';
import type { ConfigFile } from './config-schema.js';

/**
 * The config's `catalog:` section in the catalog's own terms. A provider's `zero_retention`,
 * `trains_on_prompts` and `retention` are the operator's declaration about their own arrangement (an agreement
 * signed, a setting turned on): kept beside the catalog's published facts, not written over them.
 * (`_knownProvider` is no longer needed for that; it stays until the caller stops passing it.)
 */
export function catalogOverridesFromConfig(
  section: ConfigFile['catalog'],
  _knownProvider?: (id: string) => CatalogProvider | undefined,
): CatalogOverrides {
  if (!section) return {};
  const models: ModelOverride[] = Object.entries(section.models ?? {}).map(([id, m]) => ({
    id,
    ...(m.name !== undefined && { name: m.name }),
    ...(m.developer !== undefined && { developer: m.developer }),
    ...(m.origin !== undefined && { origin: m.origin }),
    ...(m.open_weights !== undefined && { openWeights: m.open_weights }),
    ...(m.license !== undefined && { license: m.license }),
    ...(m.context_length !== undefined && { contextLength: m.context_length }),
    ...(m.aliases !== undefined && { aliases: m.aliases }),
    ...(m.capabilities && {
      capabilities: {
        ...(m.capabilities.tools !== undefined && { tools: m.capabilities.tools }),
        ...(m.capabilities.vision !== undefined && { vision: m.capabilities.vision }),
        ...(m.capabilities.json_output !== undefined && { jsonOutput: m.capabilities.json_output }),
        ...(m.capabilities.reasoning !== undefined && { reasoning: m.capabilities.reasoning }),
      },
    }),
  }));
  const providers: ProviderOverride[] = Object.entries(section.providers ?? {}).map(([id, p]) => {
    const declares = p.zero_retention !== undefined || p.trains_on_prompts !== undefined || p.retention !== undefined;
    return {
      id,
      ...(p.jurisdiction !== undefined && { jurisdiction: p.jurisdiction }),
      ...(declares && {
        declared: {
          ...(p.zero_retention !== undefined && { zeroRetention: p.zero_retention }),
          ...(p.trains_on_prompts !== undefined && { trainsOnPrompts: p.trains_on_prompts }),
          ...(p.retention !== undefined && { note: p.retention }),
        },
      }),
    };
  });
  return { models, providers };
}
