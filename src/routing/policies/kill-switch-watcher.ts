import { KillSet } from './kill-set.js';
import type { ControlStore } from './kill-switch.js';

/** Something that tells this process at once that the switches changed (Redis pub/sub when scaled out). */
export interface ChangeSignal {
  subscribe(onChange: () => void): Promise<() => void>;
}

/**
 * Keeps this process's copy of the kill switches current, so the request path reads them without touching
 * the store. It polls the store's version number (a single-row read) every `pollMs`, and reloads at once
 * when a change signal arrives; either way a switch pulled anywhere reaches every process within a second.
 */
export class KillSwitchWatcher {
  private current = KillSet.EMPTY;
  private version = -1;
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  private refreshing: Promise<void> | undefined;
  private failing = false;

  constructor(
    private readonly store: ControlStore,
    private readonly onError: (err: unknown) => void = () => {},
    private readonly pollMs = 250,
  ) {}

  /** The switches in force, as last read. */
  get kills(): KillSet {
    return this.current;
  }

  /** Read the switches once (a store that cannot be read fails the start), then keep watching. */
  async start(signal?: ChangeSignal): Promise<void> {
    this.version = await this.store.version();
    this.current = new KillSet(await this.store.listKills());
    this.timer = setInterval(() => void this.refresh(), this.pollMs);
    this.timer.unref();
    this.unsubscribe = await signal?.subscribe(() => void this.refresh(true));
  }

  /**
   * Reload when the version moved (or always, when told to). Concurrent polls share one read; a forced
   * reload waits for a read in flight (it may have read the old version) and then reads again.
   */
  refresh(force = false): Promise<void> {
    if (force && this.refreshing) {
      const after = this.refreshing.then(() => this.refresh(true));
      return after;
    }
    this.refreshing ??= this.load(force).finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.unsubscribe?.();
  }

  private async load(force: boolean): Promise<void> {
    try {
      const version = await this.store.version();
      this.failing = false;
      if (!force && version === this.version) return;
      const switches = await this.store.listKills();
      this.version = version;
      this.current = new KillSet(switches);
      this.failing = false;
    } catch (err) {
      // keep the last known switches: a store hiccup must not lift a kill switch; say so once per outage
      if (!this.failing) this.onError(err);
      this.failing = true;
    }
  }
}
