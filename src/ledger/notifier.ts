import { EventEmitter } from 'node:events';

/** Channels every gateway process listens on. */
export const CHANNELS = {
  kill: 'switchyard:kill',
  config: 'switchyard:config',
  health: 'switchyard:health',
} as const;

/**
 * Small change notifications between gateway processes (a kill switch pulled, the config changed, a
 * circuit opened): fire-and-forget messages on named channels. A process that misses one (it was
 * restarting) must still converge by reading the store; a notification only makes it quick.
 */
export interface Notifier {
  publish(channel: string, message: string): Promise<void>;
  /** Call `handler` for each message on `channel` (from any process, this one included); returns an unsubscribe. */
  subscribe(channel: string, handler: (message: string) => void): Promise<() => void>;
  close(): Promise<void>;
}

/** Notifications within one process: the default when there is no Redis. */
export class InProcessNotifier implements Notifier {
  private readonly events = new EventEmitter().setMaxListeners(0);

  async publish(channel: string, message: string): Promise<void> {
    // delivered on a later turn, as a networked notifier would
    queueMicrotask(() => this.events.emit(channel, message));
  }

  async subscribe(channel: string, handler: (message: string) => void): Promise<() => void> {
    this.events.on(channel, handler);
    return () => this.events.off(channel, handler);
  }

  async close(): Promise<void> {
    this.events.removeAllListeners();
  }
}
