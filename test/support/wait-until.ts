/**
 * Wait until `check` holds, polling; fails naming `what` after `timeoutMs`. For tests that need "enough
 * traffic happened" before acting: they wait for a count, not for a time, so a loaded machine only makes
 * them slower, and the bound is generous because it is only there to end a test that would hang.
 */
export async function waitUntil(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
