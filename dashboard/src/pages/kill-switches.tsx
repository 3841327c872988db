import { useState } from 'preact/hooks';
import { pullKill, releaseKill } from '../api/admin-calls';
import type { KillSwitch } from '../api/admin-types';
import { DataTable } from '../components/data-table';
import { Empty, ErrorNote } from '../components/layout';
import { formatTime } from '../lib/format';

const ACTOR = 'dashboard';

/** The switches in force, each with a restore button (audited, with an optional reason). */
export function KillList(props: { kills: KillSwitch[]; onChanged: () => void }) {
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState<string | null>(null);
  const restore = async (target: string) => {
    setBusy(target);
    setError(undefined);
    try {
      await releaseKill(target, 'restored from the dashboard', ACTOR);
      props.onChanged();
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(null);
    }
  };
  return (
    <>
      <ErrorNote error={error} what="Could not restore" />
      {props.kills.length === 0 ? (
        <Empty>No kill switch is in force: every configured deployment may serve.</Empty>
      ) : (
        <DataTable
          id="kills"
          caption="Kill switches in force"
          hideCaption
          columns={[
            { title: 'target', value: (k) => <code>{k.target}</code>, header: true },
            { title: 'since', value: (k) => formatTime(k.created_at) },
            { title: 'who', value: (k) => k.actor ?? '—' },
            { title: 'why', value: (k) => k.reason ?? '—' },
            {
              title: 'action',
              value: (k) => (
                <button type="button" class="button" onClick={() => restore(k.target)} disabled={busy === k.target} data-restore={k.target} aria-label={`Restore ${k.target}`}>
                  Restore
                </button>
              ),
            },
          ]}
          rows={props.kills}
          rowKey={(k) => k.target}
        />
      )}
    </>
  );
}

/** Pull a switch: a target (`provider:deepseek`, `developer:…`, `origin:CN`, `model:…`) and why. */
export function KillForm(props: { suggestions: string[]; inForce: string[]; onChanged: () => void }) {
  const [target, setTarget] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<Error>();
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setError(undefined);
    setDone(null);
    setBusy(true);
    try {
      const kill = await pullKill(target.trim(), reason.trim(), ACTOR);
      setDone(kill.target);
      setTarget('');
      setReason('');
      props.onChanged();
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="form-grid" onSubmit={submit} data-form="kill">
      <h3 class="form-title">Pull a kill switch</h3>
      <label for="kill-target">Target</label>
      <input id="kill-target" list="kill-targets" value={target} onInput={(e) => setTarget(e.currentTarget.value)} placeholder="provider:deepseek" required aria-describedby="kill-target-help" />
      <p id="kill-target-help" class="help">
        <code>provider:&lt;id or type&gt;</code>, <code>developer:&lt;name&gt;</code>, <code>origin:&lt;country or EU&gt;</code> or <code>model:&lt;model&gt;</code>.
      </p>
      <datalist id="kill-targets">
        {props.suggestions.map((s) => (
          <option value={s} />
        ))}
      </datalist>
      <label for="kill-reason">Reason (for the audit log)</label>
      <input id="kill-reason" value={reason} onInput={(e) => setReason(e.currentTarget.value)} placeholder="sanctions review" />
      <div class="form-actions">
        <button type="submit" class="button danger" disabled={busy || !target.trim()}>
          Kill
        </button>
      </div>
      <ErrorNote error={error} what="Could not pull the switch" />
      {done && props.inForce.includes(done) && (
        <p class="note ok" role="status">
          {done} is killed: no route will use it until it is restored.
        </p>
      )}
    </form>
  );
}
