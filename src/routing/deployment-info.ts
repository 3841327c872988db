import type { Capabilities, Price } from '../catalog/catalog-types.js';

/**
 * What the catalog and the config say about one deployment, worked out once per deployment: the price it
 * is billed at, the model's origin and licence, the provider's jurisdiction. Every field but the provider
 * type may be unknown.
 */
export interface DeploymentInfo {
  providerType: string;
  price?: Price;
  catalogModel?: string;
  developer?: string;
  /** ISO country of the model's developer. */
  origin?: string;
  openWeights?: boolean;
  license?: string;
  contextLength?: number;
  maxOutputTokens?: number;
  capabilities?: Capabilities;
  /** ISO country governing the provider's hosting; undefined for self-hosted servers. */
  jurisdiction?: string;
  selfHosted?: boolean;
  /** The provider is the model developer's own API. */
  firstParty?: boolean;
}

export type DescribeDeployment = (providerId: string, model: string) => DeploymentInfo;
