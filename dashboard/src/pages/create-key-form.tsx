import { useRef, useState } from 'preact/hooks';
import { createKey } from '../api/admin-calls';
import type { CreatedKey } from '../api/admin-types';
import { ErrorNote } from '../components/layout';

/** The fields POST /admin/keys takes (docs/admin-api.md); empty ones are left out. */
export function CreateKeyForm(props: { onCreated: (key: CreatedKey) => void }) {
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    const f = new FormData(form.current!);
    const text = (name: string) => String(f.get(name) ?? '').trim();
    const body: Record<string, unknown> = { team: text('team') };
    if (text('name')) body.name = text('name');
    if (text('budget_usd')) {
      body.budget_usd = Number(text('budget_usd'));
      body.budget_period = text('budget_period') || 'month';
    }
    if (text('rpm')) body.rpm = Number(text('rpm'));
    if (text('tpm')) body.tpm = Number(text('tpm'));
    const models = text('models')
      .split(/[,\s]+/)
      .filter(Boolean);
    if (models.length) body.models = models;
    if (f.get('store_bodies') === 'on') body.store_bodies = true;
    setBusy(true);
    setError(undefined);
    try {
      const created = await createKey(body);
      form.current!.reset();
      props.onCreated(created);
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="form-grid two" ref={form} onSubmit={submit} data-form="create-key">
      <label for="key-team">Team (required)</label>
      <input id="key-team" name="team" required placeholder="search" />
      <label for="key-name">Name</label>
      <input id="key-name" name="name" placeholder="ci" />
      <label for="key-budget">Budget, USD</label>
      <input id="key-budget" name="budget_usd" type="number" min="0" step="0.01" inputMode="decimal" placeholder="no budget" />
      <label for="key-period">Budget period</label>
      <select id="key-period" name="budget_period">
        <option value="month">month</option>
        <option value="week">week</option>
        <option value="day">day</option>
      </select>
      <label for="key-rpm">Requests per minute</label>
      <input id="key-rpm" name="rpm" type="number" min="1" step="1" placeholder="no limit" />
      <label for="key-tpm">Tokens per minute</label>
      <input id="key-tpm" name="tpm" type="number" min="1" step="1" placeholder="no limit" />
      <label for="key-models">Models (comma-separated)</label>
      <input id="key-models" name="models" placeholder="every model" />
      <label class="check" for="key-store-bodies">
        <input id="key-store-bodies" name="store_bodies" type="checkbox" /> Store request and response bodies
      </label>
      <div class="form-actions">
        <button type="submit" class="button primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create key'}
        </button>
      </div>
      <ErrorNote error={error} what="Could not create the key" />
    </form>
  );
}

/** The new key, this once: copy it now, it is never shown again (only its hash is kept). */
export function NewKeyBox(props: { created: CreatedKey; onDismiss: () => void }) {
  const [copied, setCopied] = useState<string | null>(null);
  const field = useRef<HTMLInputElement>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.created.key);
      setCopied('Copied to the clipboard.');
    } catch {
      field.current?.select();
      setCopied('Selected: press Ctrl+C (⌘C) to copy.');
    }
  };
  return (
    <section class="new-key" aria-labelledby="new-key-title" data-new-key>
      <h2 id="new-key-title">New key for {props.created.team}{props.created.name ? ` (${props.created.name})` : ''}</h2>
      <p>
        <strong>Copy it now: this is the only time it is shown.</strong> The gateway keeps only its hash.
      </p>
      <div class="copy-row">
        <label class="visually-hidden" for="new-key-value">
          The new key
        </label>
        <input id="new-key-value" ref={field} readOnly value={props.created.key} data-key-value onFocus={(e) => e.currentTarget.select()} />
        <button type="button" class="button primary" onClick={copy} data-action="copy-key">
          Copy
        </button>
        <button type="button" class="button subtle" onClick={props.onDismiss}>
          Done
        </button>
      </div>
      {copied && (
        <p class="note ok" role="status">
          {copied}
        </p>
      )}
    </section>
  );
}
