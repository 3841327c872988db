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
-- a window's live seconds summed (expired seconds dropped), and its oldest counted second
local function windowState(key, now)
  local second = math.floor(tonumber(now) / 1000)
  local fields = redis.call('HGETALL', key)
  local total, oldest = 0, second
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
  return {second = second, total = total, oldest = oldest}
end
local function window(key, now, limit, amount, mode)
  local w = windowState(key, now)
  if mode ~= 'add' and w.total >= tonumber(limit) then
    return {0, math.max(1, w.oldest + 60 - w.second)}
  end
  if mode ~= 'check' then
    redis.call('HINCRBYFLOAT', key, tostring(w.second), amount)
    redis.call('PEXPIRE', key, 61000)
  end
  return {1, 0}
end
`;

/**
 * Reserve against a budget. `k` the budget's keys: the budget (hash: spent), reservations (hash: id →
 * amount), their expiry times (sorted set). Reservations past their time (a process died before
 * settling) are dropped first. Returns {'load'} when the budget's committed spend is not known yet,
 * {'refused', spent, reserved} or {'ok'}.
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
    return {'refused', string.format('%.17g', spent), string.format('%.17g', reserved)}
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
 * Requests' admissions in one step, in order, each as separate calls would give it: count the request
 * against requests per minute, compare tokens per minute, reserve against the budget, stopping at the
 * first refusal (earlier counts stay). KEYS the requests window, the tokens window, the budget's three
 * keys (one scope's, shared by every request of the call). ARGV, per request, nine values: now (ms), rpm
 * ('' none), tpm ('' none), budget limit ('' none), amount, reservation id, the reservation's clock (ms),
 * reservation ttl (ms), keep (ms). A call reads each window and the budget's sums once (a window again
 * when the second changes) and keeps them up to date as it counts and reserves; reservations past their
 * time are dropped by its first reservation (one that expires during the call counts until the next).
 * Returns three values per request: 'ok', 'rpm' or 'tpm' with the seconds
 * to wait, 'refused' with the spend and the amount reserved, or 'load' (limits passed and counted; the
 * budget's spend is not known yet); the third value is 0 but for a refusal.
 */
export const ADMIT = new LuaScript(`${WINDOW_FN}${RESERVE_FN}
-- each window's state (windowState) is read once per call and second, then kept up to date as this call counts
local rpmState, tpmState, budgetState, keep
local budget = {KEYS[3], KEYS[4], KEYS[5]}
local out = {}
for b = 0, #ARGV - 9, 9 do
  local verdict, value, held = 'ok', 0, 0
  local second = math.floor(tonumber(ARGV[b + 1]) / 1000)
  if ARGV[b + 2] ~= '' then
    if not rpmState or rpmState.second ~= second then rpmState = windowState(KEYS[1], ARGV[b + 1]) end
    if rpmState.total >= tonumber(ARGV[b + 2]) then
      verdict, value = 'rpm', math.max(1, rpmState.oldest + 60 - second)
    else
      redis.call('HINCRBYFLOAT', KEYS[1], tostring(second), 1)
      rpmState.total = rpmState.total + 1
    end
  end
  if verdict == 'ok' and ARGV[b + 3] ~= '' then
    if not tpmState or tpmState.second ~= second then tpmState = windowState(KEYS[2], ARGV[b + 1]) end
    if tpmState.total >= tonumber(ARGV[b + 3]) then verdict, value = 'tpm', math.max(1, tpmState.oldest + 60 - second) end
  end
  if verdict == 'ok' and ARGV[b + 4] ~= '' then
    if not budgetState then
      -- the first reservation of the call goes the whole way (expiry, sums); later ones reuse its sums
      local d = reserve(budget, ARGV[b + 4], ARGV[b + 5], ARGV[b + 6], ARGV[b + 7], ARGV[b + 8], ARGV[b + 9])
      verdict = d[1]
      if d[2] then value = d[2] end
      if d[3] then held = d[3] end
      if verdict ~= 'load' then
        local reserved = 0
        for _, v in ipairs(redis.call('HVALS', budget[2])) do reserved = reserved + tonumber(v) end
        budgetState = {spent = tonumber(redis.call('HGET', budget[1], 'spent')), reserved = reserved}
      end
    elseif budgetState.spent + budgetState.reserved + tonumber(ARGV[b + 5]) > tonumber(ARGV[b + 4]) then
      verdict, value, held = 'refused', string.format('%.17g', budgetState.spent), string.format('%.17g', budgetState.reserved)
    else
      redis.call('HSET', budget[2], ARGV[b + 6], ARGV[b + 5])
      redis.call('ZADD', budget[3], tonumber(ARGV[b + 7]) + tonumber(ARGV[b + 8]), ARGV[b + 6])
      budgetState.reserved = budgetState.reserved + tonumber(ARGV[b + 5])
      keep = ARGV[b + 9]
    end
  end
  out[#out + 1] = verdict
  out[#out + 1] = value
  out[#out + 1] = held
end
if rpmState then redis.call('PEXPIRE', KEYS[1], 61000) end
if keep then for i = 1, 3 do redis.call('PEXPIRE', budget[i], keep) end end
return out
`);

/**
 * Requests' settlements in one step: settle each reservation and count each one's tokens. KEYS the
 * budget's three keys, the tokens window (one scope's). ARGV, per request, four values: reservation id
 * ('' none), actual cost ('' unknown), tokens ('' none), now (ms).
 */
export const FINISH = new LuaScript(`${WINDOW_FN}${SETTLE_FN}
local budget = {KEYS[1], KEYS[2], KEYS[3]}
for b = 0, #ARGV - 4, 4 do
  if ARGV[b + 1] ~= '' then settle(budget, ARGV[b + 1], ARGV[b + 2]) end
  if ARGV[b + 3] ~= '' then window(KEYS[4], ARGV[b + 4], 0, ARGV[b + 3], 'add') end
end
return 1
`);
