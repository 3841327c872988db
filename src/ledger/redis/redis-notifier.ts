import type { Redis } from 'ioredis';
import type { Notifier } from '../notifier.js';

/**
 * Notifications through Redis pub/sub, reaching every process subscribed to the same Redis (a published
 * message arrives within milliseconds). Subscriptions use a connection of their own, as Redis requires;
 * ioredis re-subscribes after a reconnect. Channel names get the deployment's key prefix, so two gateways
 * sharing one Redis do not hear each other.
 */
export class RedisNotifier implements Notifier {
  private readonly handlers = new Map<string, Set<(message: string) => void>>();

  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    private readonly prefix = '',
  ) {
    subscriber.on('message', (channel: string, message: string) => {
      for (const h of this.handlers.get(channel) ?? []) {
        // one handler's bad day (or a malformed message) must not take the process down
        try {
          h(message);
        } catch {
          /* the handler's own concern */
        }
      }
    });
  }

  async publish(channel: string, message: string): Promise<void> {
    await this.publisher.publish(this.prefix + channel, message);
  }

  async subscribe(channel: string, handler: (message: string) => void): Promise<() => void> {
    const name = this.prefix + channel;
    let set = this.handlers.get(name);
    if (!set) {
      set = new Set();
      this.handlers.set(name, set);
      await this.subscriber.subscribe(name);
    }
    set.add(handler);
    return () => {
      set.delete(handler);
      if (set.size === 0) {
        this.handlers.delete(name);
        void this.subscriber.unsubscribe(name).catch(() => undefined);
      }
    };
  }

  async close(): Promise<void> {
    this.handlers.clear();
    this.subscriber.disconnect();
  }
}
