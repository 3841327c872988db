import { useState } from 'preact/hooks';
import { runDrill } from '../api/admin-calls';
import type { DrillResult } from '../api/admin-types';
import { DataTable } from '../components/data-table';
import { ErrorNote, StatCard } from '../components/layout';
import { formatCount, formatShare, formatUsd } from '../lib/format';

/** Replays the last 30 days of the ledger without a target: what would still be served, fail, move, cost. */
export function DrillPanel() {
  const [target, setTarget] = useState('');
  const [result, setResult] = useState<DrillResult | null>(null);
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      setResult(await runDrill(target.trim()));
    } catch (err) {
      setResult(null);
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <form class="form-grid" onSubmit={submit} data-form="drill">
        <label for="drill-target">Target to take away</label>
        <input id="drill-target" list="kill-targets" value={target} onInput={(e) => setTarget(e.currentTarget.value)} placeholder="origin:CN" required />
        <p class="help">Nothing is changed: the ledger's traffic is planned again with the target removed.</p>
        <div class="form-actions">
          <button type="submit" class="button" disabled={busy || !target.trim()}>
            {busy ? 'Running…' : 'Run the drill'}
          </button>
        </div>
      </form>
      <ErrorNote error={error} what="The drill failed" />
      {result && <DrillSummary result={result} />}
    </>
  );
}

function DrillSummary({ result }: { result: DrillResult }) {
  const servedShare = result.total.requests > 0 ? result.served.requests / result.total.requests : null;
  const failing = result.failing.reduce((a, f) => a + f.requests, 0);
  return (
    <div class="drill-result" data-drill={result.without.join(',')} aria-live="polite">
      <p>
        Without <code>{result.without.join(', ')}</code>:
      </p>
      <div class="stats compact">
        <StatCard id="drill-served" label="Still served" value={formatShare(servedShare)} hint={`${formatCount(result.served.requests)} of ${formatCount(result.total.requests)} requests`} />
        <StatCard id="drill-failing" label="Would fail" value={formatCount(failing)} tone={failing > 0 ? 'bad' : 'good'} />
        <StatCard id="drill-cost" label="Cost before → after" value={`${formatUsd(result.cost.beforeUsd)} → ${formatUsd(result.cost.afterUsd)}`} />
      </div>
      {result.failing.length > 0 && (
        <DataTable
          id="drill-failing"
          caption="Traffic left without a deployment"
          columns={[
            { title: 'model', value: (f) => f.model, header: true },
            { title: 'team', value: (f) => f.team ?? '—' },
            { title: 'requests', value: (f) => formatCount(f.requests), numeric: true },
            { title: 'why', value: (f) => f.reasons.join(', ') },
          ]}
          rows={result.failing}
          rowKey={(f) => `${f.model}|${f.team}`}
        />
      )}
      {result.moved.length > 0 && (
        <DataTable
          id="drill-moved"
          caption="Where served traffic would go instead"
          columns={[
            { title: 'from', value: (m) => m.from, header: true },
            { title: 'to', value: (m) => m.to },
            { title: 'requests', value: (m) => formatCount(m.requests), numeric: true },
          ]}
          rows={result.moved}
          rowKey={(m) => `${m.from}>${m.to}`}
        />
      )}
    </div>
  );
}
