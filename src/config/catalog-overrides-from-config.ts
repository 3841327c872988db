import type { CatalogOverrides, ModelOverride, ProviderOverride } from '../catalog/catalog-overrides.js';
import type { CatalogProvider } from '../catalog/catalog-types.js';
import type { ConfigFile } from './config-schema.js';

/**
 * The config's `catalog:` section in the catalog's own terms. A provider's data-policy fields are applied
 * over what the catalog already says of it, so setting `zero_retention` keeps its retention text.
 */
export function catalogOverridesFromConfig(
  section: ConfigFile['catalog'],
  knownProvider: (id: string) => CatalogProvider | undefined,
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
    const policy = knownProvider(id)?.dataPolicy;
    const touchesPolicy = p.zero_retention !== undefined || p.trains_on_prompts !== undefined || p.retention !== undefined;
    return {
      id,
      ...(p.jurisdiction !== undefined && { jurisdiction: p.jurisdiction }),
      ...(touchesPolicy && {
        dataPolicy: {
          retention: p.retention ?? policy?.retention ?? 'as agreed with the provider',
          ...(policy?.retentionDays !== undefined && { retentionDays: policy.retentionDays }),
          zeroRetention: p.zero_retention ?? policy?.zeroRetention ?? false,
          trainsOnPrompts: p.trains_on_prompts ?? policy?.trainsOnPrompts ?? false,
          source: 'config',
        },
      }),
    };
  });
  return { models, providers };
}
