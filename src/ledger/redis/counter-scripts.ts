import { LuaScript } from './run-script.js';

/**
 * The counters' atomic steps, as Lua run inside Redis: no other client's command runs between a script's
 * check and its update, so every gateway process sees one count.
 */

/**
 * A sliding minute at one-second resolution (as the in-process store): a hash of second → amount.
 * KEYS[1] the window; ARGV now (ms), limit, amount, mode: `take` (count one if under the limit), `check`
 * (only compare), `add` (count without comparing). Returns {1, 0} or {0, seconds to wait}.
 */
export const SLIDING_WINDOW = new LuaScript(`
local second = math.floor(tonumber(ARGV[1]) / 1000)
local limit = tonumber(ARGV[2])
local mode = ARGV[4]
local fields = redis.call('HGETALL', KEYS[1])
local total = 0
local oldest = second
for i = 1, #fields, 2 do
  local s = tonumber(fields[i])
  if s > second - 60 then
    local c = tonumber(fields[i + 1])
    total = total + c
    if c > 0 and s < oldest then oldest = s end
  else
    redis.call('HDEL', KEYS[1], fields[i])
  end
end
if mode ~= 'add' and total >= limit then
  return {0, math.max(1, oldest + 60 - second)}
end
if mode ~= 'check' then
  redis.call('HINCRBYFLOAT', KEYS[1], tostring(second), ARGV[3])
  redis.call('PEXPIRE', KEYS[1], 61000)
end
return {1, 0}
`);

/**
 * Reserve against a budget. KEYS[1] the budget (hash: spent), KEYS[2] reservations (hash: id → amount),
 * KEYS[3] their expiry times (sorted set). ARGV limit, amount, id, now (ms), reservation ttl (ms), keep (ms).
 * Reservations past their time (a process died before settling) are dropped first. Returns {'load'} when
 * the budget's committed spend is not known yet, {'refused', spent} or {'ok'}.
 */
export const RESERVE = new LuaScript(`
local spent = redis.call('HGET', KEYS[1], 'spent')
if not spent then return {'load'} end
local now = tonumber(ARGV[4])
local expired = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', now)
for _, id in ipairs(expired) do redis.call('HDEL', KEYS[2], id) end
if #expired > 0 then redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now) end
local reserved = 0
for _, v in ipairs(redis.call('HVALS', KEYS[2])) do reserved = reserved + tonumber(v) end
spent = tonumber(spent)
if spent + reserved + tonumber(ARGV[2]) > tonumber(ARGV[1]) then
  return {'refused', string.format('%.17g', spent)}
end
redis.call('HSET', KEYS[2], ARGV[3], ARGV[2])
redis.call('ZADD', KEYS[3], now + tonumber(ARGV[5]), ARGV[3])
for i = 1, 3 do redis.call('PEXPIRE', KEYS[i], ARGV[6]) end
return {'ok'}
`);

/** Settle a reservation: drop it and add the real cost (ARGV[2], '' when unknown) to the spend. KEYS as RESERVE. */
export const SETTLE = new LuaScript(`
redis.call('HDEL', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[3], ARGV[1])
if ARGV[2] ~= '' and redis.call('HEXISTS', KEYS[1], 'spent') == 1 then
  redis.call('HINCRBYFLOAT', KEYS[1], 'spent', ARGV[2])
end
return 1
`);
