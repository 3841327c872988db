import type { Logger } from 'pino';
import type { CachedAnswer } from './cached-answer.js';
import { decideCache, type CacheAsk, type CacheDecision } from './cache-decision.js';
import type { CacheSettings } from './cache-settings.js';
import type { ResponseCacheStore } from './response-cache-store.js';

/** How often a failing cache store is reported, at most, ms. */
const REPORT_EVERY_MS = 5_000;

/** What the cache did for a request: the `x-switchyard-cache` header and the ledger's `cache` column. */
export type CacheOutcome = 'hit' | 'miss' | 'bypass';

/**
 * The response cache the doors use: the config's rules, and a store that may fail. A store that fails
 * (Redis unreachable, a full disk) makes every lookup a miss and every write a no-op, reported in the log:
 * the cache can only save money, never fail a request.
 */
export class ResponseCache {
  private lastReport = 0;

  constructor(
    readonly settings: CacheSettings,
    private readonly store: ResponseCacheStore,
    private readonly log: Pick<Logger, 'warn'>,
    /** Told each request's outcome (the metrics). */
    private readonly onOutcome: (outcome: CacheOutcome) => void = () => undefined,
  ) {}

  decide(ask: CacheAsk): CacheDecision {
    return decideCache(this.settings, ask);
  }

  /** The entry for `key` no older than the decision allows, or undefined. */
  async lookup(key: string, decision: Extract<CacheDecision, { use: true }>, now: number): Promise<CachedAnswer | undefined> {
    if (!decision.read) return undefined;
    try {
      const text = await this.store.get(key, now);
      if (text === undefined) return undefined;
      const entry = JSON.parse(text) as CachedAnswer;
      return now - entry.storedAt <= decision.maxAgeMs ? entry : undefined;
    } catch (err) {
      this.report(err, 'read');
      return undefined;
    }
  }

  /** Keep an answer (in the background: the client does not wait); answers past the entry cap are not kept. */
  /**
   * Store an answer for the next identical request, after the current one has been sent (the next turn of
   * the event loop): a miss's answer never waits for its own serialization and write.
   */
  keep(key: string, entry: CachedAnswer, decision: Extract<CacheDecision, { use: true }>): void {
    if (!decision.write) return;
    setImmediate(() => {
      try {
        const text = JSON.stringify(entry);
        if (Buffer.byteLength(text) > this.settings.maxEntryBytes) return;
        this.store.set(key, text, entry.storedAt, entry.storedAt + decision.ttlMs).catch((err: unknown) => this.report(err, 'write'));
      } catch (err) {
        // a store closed meanwhile (shutdown), or one that fails at once
        this.report(err, 'write');
      }
    });
  }

  count(outcome: CacheOutcome): void {
    this.onOutcome(outcome);
  }

  stats(): Promise<{ entries: number; bytes: number }> {
    return this.store.stats();
  }

  close(): Promise<void> {
    return this.store.close();
  }

  private report(err: unknown, what: string): void {
    const now = Date.now();
    if (now - this.lastReport < REPORT_EVERY_MS) return;
    this.lastReport = now;
    this.log.warn({ err: err instanceof Error ? err.message : String(err) }, `response cache ${what} failed: serving without the cache`);
  }
}
