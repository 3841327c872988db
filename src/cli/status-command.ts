import { request } from 'undici';
import type { DeploymentHealthView } from '../routing/health/describe-health.js';
import { UNSET_PLACEHOLDER } from '../config/substitute-env.js';
import { loadCommandConfig } from './command-config.js';
import { exitForKnownError } from './known-error.js';

export interface StatusOptions {
  config?: string;
  url?: string;
  format?: string;
}

/**
 * `switchyard status`: ask the running gateway (the config's listen address, or --url) for each
 * deployment's state with its admin key (auth.admin_key or $SWITCHYARD_ADMIN_KEY) and print it. Health
 * lives in the gateway's processes, so this is the one command that needs the gateway up.
 */
export async function runStatus(opts: StatusOptions): Promise<number> {
  let url: string;
  let adminKey: string | undefined;
  try {
    const { config } = await loadCommandConfig(opts.config, { sendsNothing: true });
    const host = config.listen.host === '0.0.0.0' ? '127.0.0.1' : config.listen.host === '::' ? '::1' : config.listen.host;
    url = opts.url ?? `http://${host.includes(':') ? `[${host}]` : host}:${config.listen.port}`;
    adminKey = process.env.SWITCHYARD_ADMIN_KEY ?? (config.adminKey === UNSET_PLACEHOLDER ? undefined : config.adminKey);
  } catch (err) {
    return exitForKnownError(err);
  }
  if (!adminKey) {
    console.error('switchyard status asks the gateway\'s admin API: set SWITCHYARD_ADMIN_KEY (the gateway\'s auth.admin_key).');
    return 2;
  }
  let body: { now: number; panic: boolean; data: DeploymentHealthView[] };
  try {
    const res = await request(`${url.replace(/\/+$/, '')}/admin/health`, {
      headers: { authorization: `Bearer ${adminKey}` },
      signal: AbortSignal.timeout(5_000),
    });
    const text = await res.body.text();
    if (res.statusCode !== 200) {
      console.error(`${url}/admin/health answered ${res.statusCode}: ${errorMessage(text)}`);
      return 1;
    }
    body = JSON.parse(text) as typeof body;
  } catch (err) {
    console.error(`No gateway answered at ${url} (${(err as { code?: string }).code ?? (err as Error).message}). Is it running? (--url to point elsewhere)`);
    return 1;
  }
  if (opts.format === 'json') {
    console.log(JSON.stringify(body, null, 2));
    return 0;
  }
  console.log(renderStatus(body.data, body.now, body.panic));
  return 0;
}

function errorMessage(text: string): string {
  try {
    return (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? text.slice(0, 200);
  } catch {
    return text.slice(0, 200);
  }
}

/** One line per deployment: its state and until when, error rate, medians, the last error and how long ago. */
export function renderStatus(rows: readonly DeploymentHealthView[], now: number, panic: boolean): string {
  const ago = (t: number) => `${Math.max(0, Math.round((now - t) / 1000))} s ago`;
  const inS = (t: number) => `${Math.max(0, Math.ceil((t - now) / 1000))} s`;
  const lines = [['deployment', 'state', 'errors', 'ttft p50', 'tok/s', 'last error'].join('\t')];
  for (const r of rows) {
    const state =
      r.state === 'open' && r.open_until !== null
        ? `open for ${inS(r.open_until)}`
        : r.state === 'cooling' && r.cooling_until !== null
          ? `cooling for ${inS(r.cooling_until)}`
          : r.state === 'misconfigured' && r.misconfigured_since !== null
            ? `misconfigured since ${ago(r.misconfigured_since)}`
            : r.state;
    const rate = r.error_rate === null ? '-' : `${Math.round(r.error_rate * 100)}%`;
    const last = r.last_error ? `${r.last_error.status ?? r.last_error.code} ${ago(r.last_error.at)}: ${r.last_error.message.slice(0, 120)}` : '-';
    lines.push([r.deployment, state, rate, r.ttft_p50_ms === null ? '-' : `${Math.round(r.ttft_p50_ms)} ms`, r.tokens_per_second === null ? '-' : r.tokens_per_second.toFixed(0), last].join('\t'));
  }
  if (rows.length === 0) lines.push('(no deployments configured or used yet)');
  lines.push(panic ? 'Every deployment of a request paused: the one back soonest is still tried (health.panic).' : 'health.panic is off: a request whose every deployment is paused is refused, with the cause.');
  return lines.join('\n');
}
