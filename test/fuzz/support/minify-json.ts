/** A JSON fixture without its indentation (seeds stay small), or the text as it is when it is not JSON. */
export function minifyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return text;
  }
}
