import { LuaScript } from './run-script.js';

/**
 * The counters' atomic steps, as Lua run inside Redis: no other client's command runs between a script's
 * check and its update, so every gateway process sees one count. The steps are Lua functions shared by
 * the scripts: one per counter call, and ADMIT and FINISH, which take a request's whole admission and its
 * whole settlement in one round trip.
 */

/**
 * A sliding minute at one-second resolution (as the in-process store): a hash of second → amount.
 * `key` the window; `now` (ms), `limit`, `amount`, `mode`: `take` (count one if under the limit), `check`
 * (only compare), `add` (count without comparing). Returns {1, 0} or {0, seconds to wait}.
 */
const WINDOW_FN = `
local function window(key, now, limit, amount, mode)
  local second = math.floor(tonumber(now) / 1000)
  limit = tonumber(limit)
  local fields = redis.call('HGETALL', key)
  local total = 0
  local oldest = second
  for i = 1, #fields, 2 do
    local s = tonumber(fields[i])
    if s > second - 60 then
      local c = tonumber(fields[i + 1])
      total = total + c
      if c > 0 and s < oldest then oldest = s end
    else
      redis.call('HDEL', key, fields[i])
    end
  end
  if mode ~= 'add' and total >= limit then
    return {0, math.max(1, oldest + 60 - second)}
  end
  if mode ~= 'check' then
    redis.call('HINCRBYFLOAT', key, tostring(second), amount)
    redis.call('PEXPIRE', key, 61000)
  end
  return {1, 0}
end
`;

/**
 * Reserve against a budget. `k` the budget's keys: the budget (hash: spent), reservations (hash: id →
 * amount), their expiry times (sorted set). Reservations past their time (a process died before
 * settling) are dropped first. Returns {'load'} when the budget's committed spend is not known yet,
 * {'refused', spent} or {'ok'}.
 */
const RESERVE_FN = `
local function reserve(k, limit, amount, id, now, ttl, keep)
  local spent = redis.call('HGET', k[1], 'spent')
  if not spent then return {'load'} end
  now = tonumber(now)
  local expired = redis.call('ZRANGEBYSCORE', k[3], '-inf', now)
  for _, eid in ipairs(expired) do redis.call('HDEL', k[2], eid) end
  if #expired > 0 then redis.call('ZREMRANGEBYSCORE', k[3], '-inf', now) end
  local reserved = 0
  for _, v in ipairs(redis.call('HVALS', k[2])) do reserved = reserved + tonumber(v) end
  spent = tonumber(spent)
  if spent + reserved + tonumber(amount) > tonumber(limit) then
    return {'refused', string.format('%.17g', spent)}
  end
  redis.call('HSET', k[2], id, amount)
  redis.call('ZADD', k[3], now + tonumber(ttl), id)
  for i = 1, 3 do redis.call('PEXPIRE', k[i], keep) end
  return {'ok'}
end
`;

/** Drop a reservation and add the real cost (`actual`, '' when unknown) to the spend. `k` as reserve. */
const SETTLE_FN = `
local function settle(k, id, actual)
  redis.call('HDEL', k[2], id)
  redis.call('ZREM', k[3], id)
  if actual ~= '' and redis.call('HEXISTS', k[1], 'spent') == 1 then
    redis.call('HINCRBYFLOAT', k[1], 'spent', actual)
  end
end
`;

/** KEYS[1] the window; ARGV now (ms), limit, amount, mode. */
export const SLIDING_WINDOW = new LuaScript(`${WINDOW_FN}
return window(KEYS[1], ARGV[1], ARGV[2], ARGV[3], ARGV[4])
`);

/** KEYS the budget's three keys; ARGV limit, amount, id, now (ms), reservation ttl (ms), keep (ms). */
export const RESERVE = new LuaScript(`${RESERVE_FN}
return reserve(KEYS, ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6])
`);

/** KEYS as RESERVE; ARGV id, actual cost ('' when unknown). */
export const SETTLE = new LuaScript(`${SETTLE_FN}
settle(KEYS, ARGV[1], ARGV[2])
return 1
`);

/**
 * A request's admission in one step: count it against requests per minute, compare tokens per minute,
 * reserve against the budget, in that order, stopping at the first refusal (earlier counts stay, as with
 * separate calls). KEYS the requests window, the tokens window, the budget's three keys. ARGV now (ms),
 * rpm ('' none), tpm ('' none), budget limit ('' none), amount, reservation id, the reservation's clock
 * (ms), reservation ttl (ms), keep (ms). Returns {'ok'}, {'rpm', wait}, {'tpm', wait}, {'refused', spent},
 * or {'load'} (limits passed and counted; the budget's spend is not known yet).
 */
export const ADMIT = new LuaScript(`${WINDOW_FN}${RESERVE_FN}
if ARGV[2] ~= '' then
  local d = window(KEYS[1], ARGV[1], ARGV[2], 1, 'take')
  if d[1] == 0 then return {'rpm', d[2]} end
end
if ARGV[3] ~= '' then
  local d = window(KEYS[2], ARGV[1], ARGV[3], 0, 'check')
  if d[1] == 0 then return {'tpm', d[2]} end
end
if ARGV[4] == '' then return {'ok'} end
return reserve({KEYS[3], KEYS[4], KEYS[5]}, ARGV[4], ARGV[5], ARGV[6], ARGV[7], ARGV[8], ARGV[9])
`);

/**
 * A request's settlement in one step: settle its reservation and count its tokens. KEYS the budget's
 * three keys, the tokens window. ARGV reservation id ('' none), actual cost ('' unknown), tokens ('' none),
 * now (ms).
 */
export const FINISH = new LuaScript(`${WINDOW_FN}${SETTLE_FN}
if ARGV[1] ~= '' then settle({KEYS[1], KEYS[2], KEYS[3]}, ARGV[1], ARGV[2]) end
if ARGV[3] ~= '' then window(KEYS[4], ARGV[4], 0, ARGV[3], 'add') end
return 1
`);
