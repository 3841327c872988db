import { useState } from 'preact/hooks';
import { getSpendBy, listKeys, revokeKey } from '../api/admin-calls';
import type { CreatedKey, KeyRecord } from '../api/admin-types';
import { DataTable } from '../components/data-table';
import { Empty, ErrorNote, Loading, PageHeader, Panel, ShareMeter } from '../components/layout';
import { periodStart } from '../lib/budget-period';
import { formatCount, formatTime, formatUsd } from '../lib/format';
import { useResource } from '../lib/use-resource';
import { CreateKeyForm, NewKeyBox } from './create-key-form';

interface KeyView extends KeyRecord {
  spentUsd?: number;
}

/** The virtual keys with what each has left of its budget; create one (shown once) or revoke one. */
export function KeysPage() {
  const [created, setCreated] = useState<CreatedKey | null>(null);
  const [showRevoked, setShowRevoked] = useState(false);
  const keys = useResource<KeyView[]>(async (signal) => {
    const list = (await listKeys(signal)).data;
    return withSpend(list, signal);
  }, 'keys');
  const [error, setError] = useState<Error>();
  const [confirming, setConfirming] = useState<string | null>(null);

  const revoke = async (key: KeyRecord) => {
    setError(undefined);
    try {
      await revokeKey(key.id);
      setConfirming(null);
      keys.reload();
    } catch (err) {
      setError(err as Error);
    }
  };

  const all = keys.data ?? [];
  const rows = all.filter((k) => showRevoked || !k.revokedAt).sort((a, b) => b.createdAt - a.createdAt);
  const revokedCount = all.filter((k) => k.revokedAt).length;
  return (
    <>
      <PageHeader title="Keys & budgets" intro="Virtual keys: who they belong to, their limits, and what is left of each budget this period (UTC). A key is shown once, when it is created; the gateway keeps only its hash." />
      {created && <NewKeyBox created={created} onDismiss={() => setCreated(null)} />}
      <Panel id="keys" title="Keys" wide actions={revokedCount > 0 && (
        <label class="toggle" for="show-revoked">
          <input id="show-revoked" type="checkbox" checked={showRevoked} onChange={(e) => setShowRevoked(e.currentTarget.checked)} />
          <span>Show {revokedCount} revoked</span>
        </label>
      )}>
        <ErrorNote error={keys.error} what="Could not load the keys" />
        <ErrorNote error={error} what="Could not revoke the key" />
        {!keys.data && !keys.error && <Loading what="keys" />}
        {keys.data && rows.length === 0 && <Empty>No virtual keys yet. Until one exists, the gateway takes its master key (or none, on loopback).</Empty>}
        {rows.length > 0 && (
          <DataTable
            id="keys"
            nowrap
            caption="Virtual keys, newest first"
            hideCaption
            columns={[
              { title: 'key', value: (k: KeyView) => <code>{k.prefix}…</code>, header: true },
              { title: 'name', value: (k) => k.name ?? '—' },
              { title: 'team', value: (k) => k.team },
              { title: 'created', value: (k) => formatTime(k.createdAt) },
              { title: 'budget', value: (k) => (k.budgetUsd !== undefined ? `${formatUsd(k.budgetUsd)} / ${k.budgetPeriod ?? 'month'}` : 'none') },
              { title: 'spent · left', value: (k) => <BudgetCell k={k} /> },
              { title: 'limits', value: (k) => limitsOf(k) },
              { title: 'models', value: (k) => (k.models?.length ? k.models.join(', ') : 'all') },
              { title: 'bodies', value: (k) => (k.storeBodies ? 'stored' : '—') },
              {
                title: 'action',
                value: (k) =>
                  k.revokedAt ? (
                    <span class="badge bad">revoked {formatTime(k.revokedAt)}</span>
                  ) : confirming === k.id ? (
                    <span class="confirm">
                      <button type="button" class="button danger" onClick={() => revoke(k)} data-confirm-revoke={k.prefix}>
                        Revoke {k.prefix}…
                      </button>
                      <button type="button" class="button subtle" onClick={() => setConfirming(null)}>
                        Cancel
                      </button>
                    </span>
                  ) : (
                    <button type="button" class="button" onClick={() => setConfirming(k.id)} data-revoke={k.prefix} aria-label={`Revoke key ${k.prefix}`}>
                      Revoke
                    </button>
                  ),
              },
            ]}
            rows={rows}
            rowKey={(k) => k.id}
          />
        )}
      </Panel>
      <Panel id="create" title="Create a key">
        <CreateKeyForm
          onCreated={(k) => {
            setCreated(k);
            keys.reload();
          }}
        />
      </Panel>
    </>
  );
}

function BudgetCell({ k }: { k: KeyView }) {
  if (k.spentUsd === undefined) return <>—</>;
  if (k.budgetUsd === undefined) return <>{formatUsd(k.spentUsd)} spent</>;
  const left = Math.max(0, k.budgetUsd - k.spentUsd);
  const share = k.budgetUsd > 0 ? Math.min(1, k.spentUsd / k.budgetUsd) : 1;
  return (
    <span class="budget" data-left={left}>
      <ShareMeter share={share} label={`${formatUsd(k.spentUsd)} of ${formatUsd(k.budgetUsd)} spent`} />
      <span>
        {formatUsd(k.spentUsd)} · <strong>{formatUsd(left)} left</strong>
      </span>
    </span>
  );
}

function limitsOf(k: KeyRecord): string {
  const parts = [k.rpm !== undefined && `${formatCount(k.rpm)} rpm`, k.tpm !== undefined && `${formatCount(k.tpm)} tpm`].filter(Boolean);
  return parts.length ? parts.join(', ') : 'none';
}

/** Each live key's spend in its budget's current period (month for keys without one), from the spend report. */
async function withSpend(keys: KeyRecord[], signal: AbortSignal): Promise<KeyView[]> {
  const now = Date.now();
  const periods = new Set(keys.filter((k) => !k.revokedAt).map((k) => k.budgetPeriod ?? 'month'));
  const spent = new Map<string, Map<string, number>>();
  await Promise.all(
    [...periods].map(async (period) => {
      const report = await getSpendBy('key', new Date(periodStart(period, now)).toISOString(), signal);
      spent.set(period, new Map(report.rows.filter((r) => r.group !== null).map((r) => [r.group!, r.costUsd])));
    }),
  );
  return keys.map((k) => {
    const byKey = spent.get(k.budgetPeriod ?? 'month');
    return byKey ? { ...k, spentUsd: byKey.get(k.id) ?? 0 } : k;
  });
}
