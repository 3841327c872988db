import { getAudit, getConcentration, getProviders, listKills } from '../api/admin-calls';
import type { AuditEntry, ConcentrationShare, KillSwitch, ProviderFacts } from '../api/admin-types';
import { DataTable } from '../components/data-table';
import { Empty, ErrorNote, Loading, PageHeader, Panel, ShareMeter } from '../components/layout';
import { formatShare, formatTime } from '../lib/format';
import { useResource } from '../lib/use-resource';
import { DrillPanel } from './drill-panel';
import { KillForm, KillList } from './kill-switches';

interface ConcentrationData {
  shares: ConcentrationShare[];
  kills: KillSwitch[];
  audit: AuditEntry[];
  providers: ProviderFacts[];
}

/** Who carries the traffic against the caps, the kill switches in force and their audit log, and a drill. */
export function ConcentrationPage() {
  const data = useResource<ConcentrationData>(async (signal) => {
    const [shares, kills, audit, providers] = await Promise.all([getConcentration(signal), listKills(signal), getAudit(50, signal), getProviders(signal)]);
    return { shares: shares.data, kills: kills.data, audit: audit.data, providers: providers.data };
  }, 'concentration');
  const d = data.data;
  const suggestions = d ? targetSuggestions(d.providers) : [];

  return (
    <>
      <PageHeader title="Concentration & kill switches" intro="How much of the traffic each provider, developer and country carries against the configured caps; the switches that take one out of every route, and who pulled them." />
      <ErrorNote error={data.error} what="Could not load this page" />
      {!d && !data.error && <Loading />}
      {d && (
        <>
          <Panel id="shares" title="Shares against the caps" wide>
            {d.shares.length === 0 ? (
              <Empty>No concentration caps are configured (the config's <code>concentration</code>), or no traffic has been seen in their windows by this process.</Empty>
            ) : (
              <DataTable
                id="concentration"
                caption="Each group's share in its cap's window, measured by this gateway process"
                hideCaption
                columns={[
                  { title: 'group', value: (r) => `${r.by}: ${r.group}`, header: true },
                  { title: 'measure', value: (r) => r.measure },
                  { title: 'share', value: (r) => formatShare(r.share), numeric: true },
                  { title: 'cap', value: (r) => formatShare(r.max_share, 0), numeric: true },
                  { title: 'against the cap', value: (r) => <ShareMeter share={r.share} cap={r.max_share} label={`${r.by} ${r.group}: ${formatShare(r.share)} of a ${formatShare(r.max_share, 0)} cap`} /> },
                  { title: 'window', value: (r) => formatWindow(r.window_ms) },
                ]}
                rows={d.shares}
                rowKey={(r) => `${r.by}:${r.group}:${r.measure}`}
              />
            )}
          </Panel>
          <Panel id="kills" title="Kill switches">
            <KillList kills={d.kills} onChanged={data.reload} />
            <KillForm suggestions={suggestions} inForce={d.kills.map((k) => k.target)} onChanged={data.reload} />
          </Panel>
          <Panel id="drill" title="Drill: what if a target went away?">
            <DrillPanel />
          </Panel>
          <Panel id="audit" title="Audit log" wide>
            {d.audit.length === 0 ? (
              <Empty>No switch has been pulled or released yet.</Empty>
            ) : (
              <DataTable
                id="audit"
                caption="Kill switch changes, newest first"
                hideCaption
                columns={[
                  { title: 'when', value: (r) => formatTime(r.ts) },
                  { title: 'action', value: (r) => <span class={`badge ${r.action === 'kill' ? 'bad' : 'good'}`}>{r.action}</span> },
                  { title: 'target', value: (r) => <code>{r.target}</code> },
                  { title: 'who', value: (r) => r.actor ?? '—' },
                  { title: 'why', value: (r) => r.reason ?? '—' },
                ]}
                rows={d.audit}
                rowKey={(r) => String(r.id)}
              />
            )}
          </Panel>
        </>
      )}
    </>
  );
}

function formatWindow(ms: number): string {
  if (ms % 86_400_000 === 0) return `${ms / 86_400_000} d`;
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${Math.round(ms / 1000)} s`;
}

/** Targets to offer: the configured providers (by id and type), their countries, and common origins. */
function targetSuggestions(providers: ProviderFacts[]): string[] {
  const out = new Set<string>();
  for (const p of providers) {
    out.add(`provider:${p.id}`);
    if (p.type !== p.id) out.add(`provider:${p.type}`);
  }
  for (const country of ['CN', 'US', 'FR', 'EU']) out.add(`origin:${country}`);
  return [...out];
}
