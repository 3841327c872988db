/**
 * A token count from text when a provider reports none: about four characters of English per token, the
 * usual rule of thumb for BPE tokenizers (CJK text runs nearer one character per token, so those count
 * one each). An estimate, always marked as one.
 */
export function estimateTokens(text: string): number {
  let wide = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x2e80) wide++;
  return Math.ceil((text.length - wide) / 4) + wide;
}
