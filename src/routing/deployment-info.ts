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
  /** Whether the provider may train on prompts; undefined when its policy is not known. */
  trainsOnPrompts?: boolean;
  /**
   * Whether the deployment keeps nothing of prompts and answers: a self-hosted server, a provider that keeps
   * nothing by default, or one the config declares a zero-retention agreement with. A zero-retention option
   * nobody declared taking up is false; undefined when the provider's retention is not known.
   */
  zeroRetention?: boolean;
}

/** The key a deployment is known by in health and logs: `<provider id>/<upstream model>`. */
export function deploymentKey(d: { providerId: string; model: string }): string {
  return `${d.providerId}/${d.model}`;
}

/** A single figure to sort prices by: USD per million tokens, input weighted three to one over output. */
export function blendedPrice(info: DeploymentInfo): number | undefined {
  return info.price ? (3 * info.price.input + info.price.output) / 4 : undefined;
}

export type DescribeDeployment = (providerId: string, model: string) => DeploymentInfo;
