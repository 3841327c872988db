import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, signIn } from '../api/admin-client';

/**
 * The admin key, exchanged once for a session cookie. The key leaves the input only in that POST body:
 * it is never stored, and the field is cleared whatever the answer.
 */
export function SignInPage(props: { onSignedIn: () => void }) {
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    document.title = 'Sign in · Switchyard';
    input.current?.focus();
  }, []);

  const submit = async (event: Event) => {
    event.preventDefault();
    const key = input.current?.value.trim() ?? '';
    if (!key) {
      setMessage('Enter the admin key.');
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      await signIn(key);
      if (input.current) input.current.value = '';
      props.onSignedIn();
    } catch (err) {
      if (input.current) input.current.value = '';
      setMessage(describeFailure(err));
      setBusy(false);
      input.current?.focus();
    }
  };

  return (
    <main class="sign-in" data-page="sign-in">
      <form class="sign-in-card" onSubmit={submit} aria-describedby={message ? 'sign-in-message' : undefined} noValidate>
        <div class="brand large">
          <span class="brand-mark" aria-hidden="true" />
          Switchyard
        </div>
        <h1 id="page-title">Sign in</h1>
        <p class="muted">The dashboard uses the gateway's admin key (auth.admin_key or $SWITCHYARD_ADMIN_KEY). It is sent once, to start a session, and kept nowhere in this browser.</p>
        <label for="admin-key">Admin key</label>
        <input id="admin-key" name="admin_key" type="password" autocomplete="off" spellcheck={false} ref={input} required aria-invalid={message ? 'true' : undefined} />
        {message && (
          <p id="sign-in-message" class="note error" role="alert">
            {message}
          </p>
        )}
        <button type="submit" class="button primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}

function describeFailure(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.status === 401) return 'That admin key was refused. Check it and try again.';
    if (err.status === 429) return 'Too many wrong keys from this address: wait a minute before trying again.';
    if (err.status === 403) return 'The admin API is off on this gateway: set auth.admin_key (or $SWITCHYARD_ADMIN_KEY) and restart it.';
    return `Sign-in failed: ${err.message}`;
  }
  return `Cannot reach the gateway: ${err instanceof Error ? err.message : String(err)}`;
}
