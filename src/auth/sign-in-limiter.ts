import { GatewayError } from '../spec/gateway-error.js';

/** Wrong admin keys an address may send to `POST /ui/session` per window before it must wait. */
export const SIGN_IN_FAILURES = 10;
export const SIGN_IN_WINDOW_MS = 60_000;

/** Addresses remembered at most; past this the oldest are forgotten (a flood of addresses cannot grow memory). */
const MAX_ADDRESSES = 10_000;

/**
 * Failed dashboard sign-ins per client address, per process: after SIGN_IN_FAILURES wrong keys within
 * SIGN_IN_WINDOW_MS, every attempt from that address (right key or not) is 429 until the oldest failure
 * leaves the window. The address is the TCP peer's: behind a reverse proxy, every client shares the proxy's.
 */
export class SignInLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly limit = SIGN_IN_FAILURES,
    private readonly windowMs = SIGN_IN_WINDOW_MS,
  ) {}

  /** Throws 429 (with Retry-After) while the address is over the limit. */
  check(address: string): void {
    const recent = this.recent(address);
    if (recent.length < this.limit) return;
    const wait = Math.max(1, Math.ceil((recent[0]! + this.windowMs - this.now()) / 1000));
    throw new GatewayError('rate_limited', `Too many wrong admin keys from this address; try again in ${wait} s.`, { retryAfterSeconds: wait });
  }

  fail(address: string): void {
    const recent = this.recent(address);
    recent.push(this.now());
    this.failures.delete(address);
    if (this.failures.size >= MAX_ADDRESSES) this.failures.delete(this.failures.keys().next().value!);
    this.failures.set(address, recent);
  }

  succeed(address: string): void {
    this.failures.delete(address);
  }

  private recent(address: string): number[] {
    const from = this.now() - this.windowMs;
    return (this.failures.get(address) ?? []).filter((t) => t > from);
  }
}
