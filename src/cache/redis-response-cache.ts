import type { Redis } from 'ioredis';
import { LuaScript } from '../ledger/redis/run-script.js';
import type { ResponseCacheStore } from './response-cache-store.js';

/**
 * Store an entry with its expiry, index it by time, keep the running total of bytes, then drop index
 * entries that have surely expired and the oldest entries while the total is over the cap. One script, so
 * processes sharing the cache never see the total and the index disagree.
 * KEYS: index (sorted set: entry name by time stored), sizes (hash: entry name → bytes, `__total`).
 * ARGV: prefix, name, value, ttl ms, now, max bytes, longest ttl ms.
 */
const SET_SCRIPT = new LuaScript(`
local prefix, name, value = ARGV[1], ARGV[2], ARGV[3]
local ttl, now, cap, longest = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
local function forget(n)
  local size = redis.call('HGET', KEYS[2], n)
  if size then
    redis.call('HDEL', KEYS[2], n)
    redis.call('HINCRBY', KEYS[2], '__total', 0 - tonumber(size))
  end
  redis.call('ZREM', KEYS[1], n)
end
forget(name)
redis.call('SET', prefix .. name, value, 'PX', ttl)
redis.call('HSET', KEYS[2], name, #value)
redis.call('HINCRBY', KEYS[2], '__total', #value)
redis.call('ZADD', KEYS[1], now, name)
for _, n in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now - longest, 'LIMIT', 0, 256)) do forget(n) end
local total = tonumber(redis.call('HGET', KEYS[2], '__total') or '0')
while total > cap do
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0)
  if #oldest == 0 then break end
  forget(oldest[1])
  redis.call('DEL', prefix .. oldest[1])
  total = tonumber(redis.call('HGET', KEYS[2], '__total') or '0')
end
return total
`);

/** The cache in Redis, shared by every gateway process: entries expire by themselves (PX), the size cap evicts the oldest. */
export class RedisResponseCache implements ResponseCacheStore {
  private readonly entryPrefix: string;
  private readonly index: string;
  private readonly sizes: string;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    private readonly maxBytes: number,
    private readonly longestTtlMs: number,
  ) {
    this.entryPrefix = `${prefix}cache:e:`;
    this.index = `${prefix}cache:index`;
    this.sizes = `${prefix}cache:sizes`;
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.redis.get(this.entryPrefix + key)) ?? undefined;
  }

  async set(key: string, value: string, now: number, expiresAt: number): Promise<void> {
    const ttl = Math.max(1, expiresAt - now);
    await SET_SCRIPT.run(this.redis, [this.index, this.sizes], [this.entryPrefix, key, value, ttl, now, this.maxBytes, this.longestTtlMs]);
  }

  async stats(): Promise<{ entries: number; bytes: number }> {
    const [entries, total] = await Promise.all([this.redis.zcard(this.index), this.redis.hget(this.sizes, '__total')]);
    return { entries, bytes: Number(total ?? 0) };
  }

  async close(): Promise<void> {
    // the connection belongs to whoever opened it
  }
}
