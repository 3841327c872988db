import { issueKey } from '../auth/issue-key.js';
import type { KeyRecord, KeyStore, NewKey } from '../auth/key-record.js';
import { RESTRICTED_TEAM } from './build-demo-config.js';

/** A virtual key the demo made, with its secret (printed once, used by the traffic generator). */
export interface DemoKey {
  id: string;
  team: string;
  name: string;
  key: string;
  record: KeyRecord;
}

/** A team of the demo's story: its key, and its share of the traffic. */
interface DemoTeam {
  key: NewKey & { name: string };
  share: number;
}

/**
 * The teams whose traffic the demo's history holds and its live traffic adds to: search and support (the
 * bulk), research, and legal, whose policy keeps it on US models. The support bot has a rate limit, the
 * research notebooks a monthly budget.
 */
export const DEMO_TEAMS: readonly DemoTeam[] = [
  { key: { team: 'search', name: 'search-api' }, share: 0.34 },
  { key: { team: 'support', name: 'support-bot', rpm: 600 }, share: 0.28 },
  { key: { team: 'research', name: 'research-notebooks', budgetUsd: 60, budgetPeriod: 'month' }, share: 0.24 },
  { key: { team: RESTRICTED_TEAM, name: 'legal-review' }, share: 0.14 },
];

/** The key the demo prints for you to try. */
const YOUR_KEY: NewKey = { team: 'demo', name: 'demo key (printed at start)' };

/** Create the demo's keys through the store's own key API: yours first, then one per team. */
export async function createDemoKeys(store: KeyStore, now: number): Promise<{ demo: DemoKey; teams: DemoKey[] }> {
  const make = async (input: NewKey): Promise<DemoKey> => {
    const { key, record } = await issueKey(store, input, now);
    return { id: record.id, team: record.team, name: record.name ?? '', key, record };
  };
  const demo = await make(YOUR_KEY);
  const teams: DemoKey[] = [];
  for (const t of DEMO_TEAMS) teams.push(await make(t.key));
  return { demo, teams };
}
