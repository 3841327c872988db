import type { Capabilities, Price } from '../catalog-types.js';
import type { LiteLLMEntry, OpenRouterEntry } from './shared-sources.js';

/** USD per token → USD per million tokens, without float noise (2.8e-7 → 0.28). */
export function perMillion(perToken: number): number {
  return Number((perToken * 1_000_000).toPrecision(10));
}

function tokens(n: number): string {
  return n >= 1000 ? `${Math.round(n / 1000)}K` : String(n);
}

/**
 * One price in the catalog's shape. A cache-read rate only where it is a discount, a cache-write rate only
 * where it differs from input, a reasoning rate only where it differs from output. Free (0/0) is not a
 * production price and yields nothing.
 */
function makePrice(
  perToken: { input?: number; output?: number; cachedInput?: number; cacheWrite?: number; reasoning?: number },
  source: string,
  asOf: string,
): Price | undefined {
  const { input, output, cachedInput, cacheWrite, reasoning } = perToken;
  if (input === undefined || output === undefined || !Number.isFinite(input) || !Number.isFinite(output)) return undefined;
  if (input < 0 || output < 0 || (input === 0 && output === 0)) return undefined;
  const cached = cachedInput !== undefined && cachedInput > 0 && cachedInput < input;
  const write = cacheWrite !== undefined && cacheWrite > 0 && cacheWrite !== input;
  const thinking = reasoning !== undefined && reasoning > 0 && reasoning !== output;
  // Keys in a fixed order, so the committed JSON reads the same on every build.
  return {
    input: perMillion(input),
    ...(cached ? { cachedInput: perMillion(cachedInput) } : {}),
    ...(write ? { cacheWrite: perMillion(cacheWrite) } : {}),
    output: perMillion(output),
    ...(thinking ? { reasoning: perMillion(reasoning) } : {}),
    source,
    asOf,
  };
}

const ABOVE = [128_000, 200_000, 256_000, 272_000] as const;

/** A LiteLLM entry's price. Tiered prices (DashScope) give the first tier, and say so in the source. */
export function priceFromLiteLLM(e: LiteLLMEntry, source: string, asOf: string): Price | undefined {
  const tier = e.tiered_pricing?.[0];
  if ((e.input_cost_per_token === undefined || e.output_cost_per_token === undefined) && tier) {
    const upTo = tier.range?.[1];
    const note = upTo ? `; rate for prompts up to ${tokens(upTo)} tokens, dearer tiers above` : '; first price tier';
    return makePrice(
      { input: tier.input_cost_per_token, output: tier.output_cost_per_token, cachedInput: tier.cache_read_input_token_cost },
      source + note,
      asOf,
    );
  }
  const above = ABOVE.find((n) => e[`input_cost_per_token_above_${n / 1000}k_tokens` as keyof LiteLLMEntry] !== undefined);
  const note = above ? `; base rate, dearer above ${tokens(above)} prompt tokens` : '';
  return makePrice(
    {
      input: e.input_cost_per_token,
      output: e.output_cost_per_token,
      cachedInput: e.cache_read_input_token_cost,
      cacheWrite: e.cache_creation_input_token_cost,
      reasoning: e.output_cost_per_reasoning_token,
    },
    source + note,
    asOf,
  );
}

function num(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** An OpenRouter entry's price (OpenRouter's own, for the `openrouter` provider). */
export function priceFromOpenRouter(e: OpenRouterEntry, source: string, asOf: string): Price | undefined {
  const p = e.pricing ?? {};
  const overrides = Array.isArray(p.overrides) ? (p.overrides as Array<{ min_prompt_tokens?: number }>) : [];
  const above = overrides.map((o) => o.min_prompt_tokens).find((n): n is number => typeof n === 'number');
  const note = above ? `; base rate, dearer above ${tokens(above)} prompt tokens` : '';
  return makePrice(
    {
      input: num(p.prompt),
      output: num(p.completion),
      cachedInput: num(p.input_cache_read),
      cacheWrite: num(p.input_cache_write),
      reasoning: num(p.internal_reasoning),
    },
    source + note,
    asOf,
  );
}

export function capabilitiesFromOpenRouter(e: OpenRouterEntry): Capabilities {
  const params = new Set(e.supported_parameters ?? []);
  return {
    tools: params.has('tools'),
    vision: (e.architecture?.input_modalities ?? []).includes('image'),
    jsonOutput: params.has('response_format') || params.has('structured_outputs'),
    reasoning: params.has('reasoning') || params.has('include_reasoning'),
  };
}

export function capabilitiesFromLiteLLM(e: LiteLLMEntry): Capabilities {
  return {
    tools: e.supports_function_calling === true,
    vision: e.supports_vision === true,
    jsonOutput: e.supports_response_schema === true,
    reasoning: e.supports_reasoning === true,
  };
}
