/**
 * What a request may say about where it is served, as OpenRouter documents it: fallback models, and
 * provider preferences. Provider names match a provider's id in the config or its type.
 */
export interface ProviderPreferences {
  /** Try these providers first, in this order. */
  order?: string[];
  /** Only these providers. */
  only?: string[];
  /** Never these providers. */
  ignore?: string[];
  /** When false, only the first provider (after `order`, or only those in `order`) is tried. Default true. */
  allowFallbacks?: boolean;
  /** Sort the candidates: by price, by time to first token, or by output speed. */
  sort?: 'price' | 'latency' | 'throughput';
  /** Price caps, USD per million tokens. */
  maxPrice?: { prompt?: number; completion?: number };
  /** `deny`: skip providers that may keep or train on prompts. */
  dataCollection?: 'allow' | 'deny';
  /** Only providers with a zero-data-retention option. */
  zdr?: boolean;
  /** Only providers that support every parameter of the request (the default here); false drops what a provider cannot take. */
  requireParameters?: boolean;
}

/** A request's own setting of a cost-quality route's threshold (at most one of the three). */
export interface RouterPreferences {
  /** Send to the strong tier when the router's score is below this. */
  threshold?: number;
  /** Set the threshold that sends about this share (0..1) of traffic to the strong tier. */
  strongShare?: number;
  /** Set the threshold for this share (0..1) of the strong tier's quality. */
  quality?: number;
}

export interface RoutingPreferences {
  /** Models to fall back to, in order, after the requested one. */
  models?: string[];
  provider?: ProviderPreferences;
  /** For cost-quality routes (`model: "auto"`). */
  router?: RouterPreferences;
}
