/**
 * A vendor's Anthropic Messages-compatible endpoint (the one it publishes for Claude Code) described as data.
 * Each is served by the Anthropic adapter as is: the same wire, the `x-api-key` header, `POST {baseUrl}/messages`.
 * Each entry says where its base URL and auth header were read.
 */
export interface AnthropicCompatibleProfile {
  /** The provider `type` used in config: the vendor's OpenAI-compatible type with `-anthropic` appended. */
  name: string;
  /** Human name for listings. */
  label: string;
  /**
   * Default base URL, ending in the path that `/messages` is appended to. Vendors document the value for
   * `ANTHROPIC_BASE_URL`, to which the Anthropic SDK and Claude Code append `/v1/messages`, so `/v1` is added here.
   */
  baseUrl: string;
  /** The vendor's OpenAI-compatible type: same account, key, models and prices (the catalog mirrors its offers). */
  sameAccountAs: string;
  /**
   * How the key is sent: `x-api-key` (Anthropic's header, the default) or `bearer` (`Authorization: Bearer`,
   * what Claude Code sends for `ANTHROPIC_AUTH_TOKEN`, the variable these vendors' guides set).
   */
  auth?: 'x-api-key' | 'bearer';
}

export const ANTHROPIC_COMPATIBLE_PROFILES: Readonly<Record<string, AnthropicCompatibleProfile>> = Object.freeze({
  // https://api-docs.deepseek.com/guides/anthropic_api (read 2026-12-07): ANTHROPIC_BASE_URL is
  // https://api.deepseek.com/anthropic; `x-api-key` "fully supported"; anthropic-version and anthropic-beta are
  // ignored. Model names are DeepSeek's own; unknown `claude-*` names are mapped to a DeepSeek model upstream.
  'deepseek-anthropic': {
    name: 'deepseek-anthropic',
    label: 'DeepSeek (Anthropic-compatible)',
    baseUrl: 'https://api.deepseek.com/anthropic/v1',
    sameAccountAs: 'deepseek',
  },
  // https://platform.minimax.io/docs/api-reference/text-anthropic-api (read 2026-12-07): international platform,
  // ANTHROPIC_BASE_URL https://api.minimax.io/anthropic with the key as ANTHROPIC_API_KEY (sent as `x-api-key`).
  // Documented limits: text and tool calls only (no image or document input), temperature in (0, 1], only the
  // MiniMax-M* text models; thinking comes back as `thinking` blocks, which must be sent back whole in tool loops.
  'minimax-anthropic': {
    name: 'minimax-anthropic',
    label: 'MiniMax (Anthropic-compatible, international)',
    baseUrl: 'https://api.minimax.io/anthropic/v1',
    sameAccountAs: 'minimax',
  },
  // Moonshot's Claude Code guide sets ANTHROPIC_BASE_URL=https://api.moonshot.ai/anthropic (api.moonshot.cn for the
  // China platform) with the key as ANTHROPIC_AUTH_TOKEN, i.e. `Authorization: Bearer`. Read 2026-12-07 as quoted by
  // third-party set-up guides (kimi-k25.com, apidog.com); the vendor's own page was not reachable from here.
  'moonshot-anthropic': {
    name: 'moonshot-anthropic',
    label: 'Moonshot AI / Kimi (Anthropic-compatible, international)',
    baseUrl: 'https://api.moonshot.ai/anthropic/v1',
    sameAccountAs: 'moonshot',
    auth: 'bearer',
  },
  // Z.ai's Claude Code guide sets ANTHROPIC_BASE_URL=https://api.z.ai/api/anthropic (open.bigmodel.cn/api/anthropic
  // for the China platform) with ANTHROPIC_AUTH_TOKEN (`Authorization: Bearer`). Read 2026-12-07 as quoted by
  // third-party set-up guides (jackin.tailrocks.com, cc-glm); the vendor's own page was not reachable from here.
  'zai-anthropic': {
    name: 'zai-anthropic',
    label: 'Z.ai / GLM (Anthropic-compatible, international)',
    baseUrl: 'https://api.z.ai/api/anthropic/v1',
    sameAccountAs: 'zai',
    auth: 'bearer',
  },
});
