/**
 * Developers as people write them: `moonshot`, `Moonshot AI`, `moonshotai` and `kimi` name the same one.
 * Names compare by a slug (letters and digits, lower case, a trailing "ai" dropped) and a few well-known
 * other names (product or API names) map to the developer's slug.
 */
const OTHER_NAMES: Readonly<Record<string, string>> = {
  kimi: 'moonshot',
  zai: 'zhipu',
  glm: 'zhipu',
  zhipuai: 'zhipu',
  qwen: 'alibaba',
  alibabacloud: 'alibaba',
  dashscope: 'alibaba',
  llama: 'meta',
  metallama: 'meta',
  gemini: 'google',
  claude: 'anthropic',
  grok: 'x',
};

export function developerSlug(name: string): string {
  const s = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  const stripped = s.length > 2 && s.endsWith('ai') ? s.slice(0, -2) : s;
  return OTHER_NAMES[s] ?? OTHER_NAMES[stripped] ?? stripped;
}

export function sameDeveloper(a: string, b: string): boolean {
  return developerSlug(a) === developerSlug(b);
}
