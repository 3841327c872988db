import { getRequest } from '../api/admin-calls';
import type { RequestDetail } from '../api/admin-types';
import { DataTable } from '../components/data-table';
import { ErrorNote, Loading, Panel } from '../components/layout';
import { formatCount, formatMs, formatTime, formatUsd } from '../lib/format';
import { followLink, hrefOf } from '../lib/navigation';
import { useResource } from '../lib/use-resource';

/** One request: its figures, the route the planner took and why, and its bodies where they were kept. */
export function RequestDetailPanel(props: { id: string }) {
  const detail = useResource<RequestDetail>((signal) => getRequest(props.id, signal), props.id);
  const r = detail.data;
  return (
    <Panel
      id="detail"
      title="Request detail"
      actions={
        <a class="button subtle" href={hrefOf('requests')} onClick={(e) => followLink(e, 'requests')}>
          Close
        </a>
      }
    >
      <ErrorNote error={detail.error} what="Could not load the request" />
      {!r && !detail.error && <Loading />}
      {r && (
        <div data-detail={r.id}>
          <dl class="facts">
            <dt>id</dt>
            <dd>
              <code>{r.id}</code>
            </dd>
            <dt>when</dt>
            <dd>{formatTime(r.at)}</dd>
            <dt>status</dt>
            <dd>{r.error_code ? `${r.status} (${r.error_code})` : r.status}</dd>
            <dt>model asked</dt>
            <dd>{r.requested_model}</dd>
            <dt>served by</dt>
            <dd>{r.provider ? `${r.provider}/${r.served_model ?? '?'}` : '—'}</dd>
            <dt>key · team</dt>
            <dd>
              {r.key_name ?? r.key_id ?? '—'} · {r.team ?? '—'}
            </dd>
            <dt>tokens in / out</dt>
            <dd>
              {formatCount(r.input_tokens)} / {formatCount(r.output_tokens)}
            </dd>
            <dt>cost</dt>
            <dd>{formatUsd(r.cost_usd)}</dd>
            <dt>first token · total</dt>
            <dd>
              {formatMs(r.ttft_ms)} · {formatMs(r.duration_ms)}
              {r.stream ? ' (stream)' : ''}
              {r.partial ? ' · cut short after content was sent' : ''}
            </dd>
            {(r.developer || r.origin || r.jurisdiction) && (
              <>
                <dt>model facts</dt>
                <dd>
                  {[r.catalog_model, r.developer, r.origin && `origin ${r.origin}`, r.jurisdiction && `hosted in ${r.jurisdiction}`].filter(Boolean).join(' · ')}
                </dd>
              </>
            )}
            {(r.cached_input_tokens || r.reasoning_tokens) ? (
              <>
                <dt>cached · reasoning</dt>
                <dd>
                  {formatCount(r.cached_input_tokens ?? null)} · {formatCount(r.reasoning_tokens ?? null)}
                </dd>
              </>
            ) : null}
            {(r.usage_estimated || r.cost_estimated) && (
              <>
                <dt>estimates</dt>
                <dd>{[r.usage_estimated && 'token counts estimated from the text', r.cost_estimated && 'cost estimated'].filter(Boolean).join('; ')}</dd>
              </>
            )}
            {r.purpose && (
              <>
                <dt>sent by the gateway</dt>
                <dd>{r.purpose === 'shadow' ? 'a shadow run (the other tier, to learn from)' : r.purpose === 'judge' ? 'a judge call' : r.purpose}</dd>
              </>
            )}
            {r.cache && (
              <>
                <dt>response cache</dt>
                <dd>
                  {r.cache === 'hit'
                    ? `answered from the cache, nothing sent upstream${r.cache_saved_usd != null ? ` (saved $${r.cache_saved_usd.toFixed(6)})` : ''}`
                    : r.cache}
                </dd>
              </>
            )}
          </dl>
          <h3>Route</h3>
          {r.router && (
            <p class="note muted">
              Router <code>{r.router.route}</code> chose the {r.router.tier === 'weak' ? 'cheap' : r.router.tier === 'strong' ? 'strong' : (r.router.tier ?? '?')} tier
              {r.router.score != null ? ` (score ${r.router.score.toFixed(3)})` : ''}.
            </p>
          )}
          <RouteExplanation route={r.route} />
          {r.attempts && r.attempts.length > 0 && (
            <DataTable
              id="attempts"
              caption="Tried before, in order"
              columns={[
                { title: 'deployment', value: (a) => <code>{`${a.provider}/${a.model}`}</code>, header: true },
                { title: 'error', value: (a) => a.code },
                { title: 'message', value: (a) => a.message },
              ]}
              rows={r.attempts}
              rowKey={(_a, i) => `${i}`}
            />
          )}
          <h3>Bodies</h3>
          {r.request_body === null && r.response_body === null ? (
            <p class="note muted">Not stored: this request's key was not created with store_bodies.</p>
          ) : (
            <>
              <Body title="Request body" id="request-body" text={r.request_body} />
              <Body title="Response body" id="response-body" text={r.response_body} />
            </>
          )}
        </div>
      )}
    </Panel>
  );
}

const ROUTE_PARTS: Record<string, string> = {
  model: 'model asked',
  router: 'router decision',
  served: 'served by',
  tried: 'tried, failed',
  hedged: 'hedged, cancelled',
  panic: 'tried while paused',
  demoted: 'demoted',
  excluded: 'left out',
};

/**
 * The ledger's route string (`model=…; router=…; served=…; tried=a:code,b:code; excluded=c:reason`) as
 * labelled parts, each list split on the commas outside parentheses.
 */
export function parseRoute(route: string): Array<{ name: string; values: string[] }> {
  return route
    .split('; ')
    .filter(Boolean)
    .map((part) => {
      const i = part.indexOf('=');
      const name = i > 0 ? part.slice(0, i) : '';
      return { name, values: splitOutsideParens(i > 0 ? part.slice(i + 1) : part) };
    });
}

function splitOutsideParens(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === ',' && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out.filter((v) => v !== '');
}

function RouteExplanation(props: { route: string | null }) {
  if (!props.route) return <p class="note muted">No route recorded (the request was refused before planning).</p>;
  return (
    <dl class="facts route" data-route>
      {parseRoute(props.route).map(({ name, values }) => (
        <>
          <dt>{ROUTE_PARTS[name] ?? (name || 'note')}</dt>
          <dd>
            {values.map((v) => (
              <code class="route-part">{v}</code>
            ))}
          </dd>
        </>
      ))}
    </dl>
  );
}

function Body(props: { title: string; id: string; text: string | null }) {
  return (
    <details class="body" open>
      <summary>{props.title}</summary>
      {props.text === null ? <p class="note muted">Not stored.</p> : <pre data-body={props.id} tabIndex={0}>{pretty(props.text)}</pre>}
    </details>
  );
}

function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
