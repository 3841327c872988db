import { useState } from 'preact/hooks';
import { getRequests, listKeys } from '../api/admin-calls';
import type { RequestPage, RequestRow } from '../api/admin-types';
import { DataTable, type Column } from '../components/data-table';
import { Empty, ErrorNote, Loading, PageHeader, Panel } from '../components/layout';
import { formatAgo, formatCount, formatMs, formatTime, formatUsd } from '../lib/format';
import { navigate } from '../lib/navigation';
import { useResource } from '../lib/use-resource';
import type { PageProps } from './page-list';
import { RequestDetailPanel } from './request-detail';

interface Filters {
  model: string;
  provider: string;
  key: string;
  team: string;
  status: string;
  since: string;
}

const EMPTY: Filters = { model: '', provider: '', key: '', team: '', status: '', since: '24h' };
const PAGE_SIZE = 25;
const REFRESH_MS = 5_000;

const COLUMNS = {
  when: { title: 'when', value: (r) => <time dateTime={new Date(r.at).toISOString()} title={formatTime(r.at)}>{formatAgo(r.at)}</time> },
  status: { title: 'status', value: (r) => <span class={`badge ${r.status < 400 && !r.error_code ? 'good' : 'bad'}`}>{r.error_code ? `${r.status} ${r.error_code}` : r.status}</span> },
  model: { title: 'model', value: (r) => r.requested_model },
  served: { title: 'served by', value: (r) => (r.provider ? `${r.provider}/${r.served_model ?? '?'}` : '—') },
  team: { title: 'team', value: (r) => r.team ?? '—' },
  key: { title: 'key', value: (r) => r.key_name ?? r.key_id ?? '—' },
  tokens: { title: 'tokens in/out', value: (r) => `${formatCount(r.input_tokens)} / ${formatCount(r.output_tokens)}`, numeric: true },
  cost: { title: 'cost', value: (r) => formatUsd(r.cost_usd), numeric: true },
  time: { title: 'time', value: (r) => formatMs(r.duration_ms), numeric: true },
} satisfies Record<string, Column<RequestRow>>;
type ColumnName = keyof typeof COLUMNS;
const ALL: ColumnName[] = ['when', 'status', 'model', 'served', 'team', 'key', 'tokens', 'cost', 'time'];
/** Beside the detail panel: fewer columns. */
const COMPACT: ColumnName[] = ['when', 'status', 'model', 'cost'];

/** The ledger's newest requests, filtered and paged; the chosen one's detail beside the list. */
export function RequestsPage(props: PageProps) {
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  // cursors of the pages before this one, to go back; '' is the first page
  const [cursors, setCursors] = useState<string[]>([]);
  const [cursor, setCursor] = useState('');
  const [live, setLive] = useState(true);
  const onFirstPage = cursor === '';

  const page = useResource<RequestPage>(
    (signal) =>
      getRequests(
        {
          limit: PAGE_SIZE,
          ...(cursor && { cursor }),
          ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== '')),
        },
        signal,
      ),
    JSON.stringify([filters, cursor]),
    live && onFirstPage ? REFRESH_MS : undefined,
  );

  const apply = (event: Event) => {
    event.preventDefault();
    setFilters({ ...draft });
    setCursors([]);
    setCursor('');
  };
  const reset = () => {
    setDraft(EMPTY);
    setFilters(EMPTY);
    setCursors([]);
    setCursor('');
  };
  const field = (name: keyof Filters, label: string, placeholder = '') => (
    <label class="filter" for={`filter-${name}`}>
      <span>{label}</span>
      <input id={`filter-${name}`} value={draft[name]} placeholder={placeholder} onInput={(e) => setDraft({ ...draft, [name]: e.currentTarget.value })} />
    </label>
  );

  const keys = useResource((signal) => listKeys(signal), 'keys');
  const selected = props.rest || undefined;
  const rows = page.data?.data ?? [];
  return (
    <>
      <PageHeader title="Requests" intro="Every request the ledger holds, newest first. Bodies are kept only for keys created with store_bodies.">
        <label class="toggle" for="live-toggle">
          <input id="live-toggle" type="checkbox" checked={live} onChange={(e) => setLive(e.currentTarget.checked)} />
          <span>Auto-refresh every 5 s{!onFirstPage && live ? ' (on the first page)' : ''}</span>
        </label>
      </PageHeader>
      <form class="filters" onSubmit={apply} data-form="request-filters" aria-label="Filter the requests">
        {field('model', 'Model', 'any')}
        {field('provider', 'Provider', 'any')}
        <label class="filter" for="filter-key">
          <span>Key</span>
          <select id="filter-key" value={draft.key} onChange={(e) => setDraft({ ...draft, key: e.currentTarget.value })}>
            <option value="">any</option>
            {(keys.data?.data ?? []).map((k) => (
              <option value={k.id}>
                {k.name ? `${k.name} (${k.prefix}…)` : `${k.prefix}…`}
                {k.revokedAt ? ' · revoked' : ''}
              </option>
            ))}
          </select>
        </label>
        {field('team', 'Team', 'any')}
        <label class="filter" for="filter-status">
          <span>Status</span>
          <input id="filter-status" list="status-choices" value={draft.status} placeholder="any" onInput={(e) => setDraft({ ...draft, status: e.currentTarget.value })} />
          <datalist id="status-choices">
            {['ok', 'error', '400', '401', '402', '403', '429', '500', '502', '503', 'upstream_error', 'upstream_timeout', 'rate_limited', 'budget_exceeded'].map((v) => (
              <option value={v} />
            ))}
          </datalist>
        </label>
        <label class="filter" for="filter-since">
          <span>Since</span>
          <select id="filter-since" value={draft.since} onChange={(e) => setDraft({ ...draft, since: e.currentTarget.value })}>
            <option value="1h">1 hour</option>
            <option value="24h">24 hours</option>
            <option value="7d">7 days</option>
            <option value="30d">30 days</option>
            <option value="90d">90 days</option>
          </select>
        </label>
        <div class="filter-actions">
          <button type="submit" class="button primary">
            Apply
          </button>
          <button type="button" class="button subtle" onClick={reset}>
            Reset
          </button>
        </div>
      </form>
      <div class={selected ? 'split' : undefined}>
        <Panel id="log" title="Log" wide busy={!page.fresh}>
          <ErrorNote error={page.error} what="Could not load the requests" />
          {!page.data && !page.error && <Loading what="requests" />}
          {page.data && rows.length === 0 && <Empty>No request matches these filters.</Empty>}
          {rows.length > 0 && (
            <DataTable
              id="requests"
              nowrap
              caption="Requests, newest first"
              hideCaption
              onRowClick={(r) => navigate(`requests/${r.id}`)}
              {...(selected && { selected })}
              columns={(selected ? COMPACT : ALL).map((name): Column<RequestRow> => COLUMNS[name])}
              rows={rows}
              rowKey={(r) => r.id}
            />
          )}
          <nav class="pager" aria-label="Pages of requests">
            <button
              type="button"
              class="button"
              disabled={onFirstPage}
              onClick={() => {
                setCursor(cursors[cursors.length - 1] ?? '');
                setCursors(cursors.slice(0, -1));
              }}
            >
              ← Newer
            </button>
            <span class="muted" aria-live="polite">
              Page {cursors.length + 1}
              {!page.fresh && page.data ? ' · loading' : page.loading && page.data ? ' · refreshing' : ''}
            </span>
            <button
              type="button"
              class="button"
              disabled={!page.data?.next_cursor}
              onClick={() => {
                setCursors([...cursors, cursor]);
                setCursor(page.data!.next_cursor!);
              }}
            >
              Older →
            </button>
          </nav>
        </Panel>
        {selected && <RequestDetailPanel id={selected} />}
      </div>
    </>
  );
}
