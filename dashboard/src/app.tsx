import { useEffect, useRef, useState } from 'preact/hooks';
import { call, recoverSession, signOut, whenSignedOut } from './api/admin-client';
import type { GatewayInfo } from './api/admin-types';
import { followLink, hrefOf, navigate, useRoute } from './lib/navigation';
import { PAGES } from './pages/page-list';
import { SignInPage } from './pages/sign-in-page';

type SessionState = 'checking' | 'signed-out' | 'signed-in';

/**
 * The shell: finds out whether this browser is signed in (GET /ui/session), sends it to the sign-in page
 * when not, and otherwise shows the navigation, the simulated-data banner and the page the route names.
 */
export function App() {
  const route = useRoute();
  const [session, setSession] = useState<SessionState>('checking');
  const [failure, setFailure] = useState<string | null>(null);
  const [wanted, setWanted] = useState<string>('overview');

  useEffect(() => {
    whenSignedOut(() => setSession('signed-out'));
    recoverSession().then(
      (s) => setSession(s ? 'signed-in' : 'signed-out'),
      (err: Error) => setFailure(`Cannot reach the gateway: ${err.message}`),
    );
  }, []);

  // signed out: every page sends you to sign-in, remembering (in memory) where you were going
  useEffect(() => {
    if (session === 'signed-out' && route !== 'sign-in') {
      if (route && route !== 'sign-in') setWanted(route);
      navigate('sign-in', { replace: true });
    }
    if (session === 'signed-in' && (route === 'sign-in' || route === '')) navigate('overview', { replace: true });
  }, [session, route]);

  if (failure) {
    return (
      <main class="center-screen">
        <p class="note error" role="alert">
          {failure}
        </p>
      </main>
    );
  }
  if (session === 'checking') {
    return (
      <main class="center-screen">
        <p class="note muted" role="status">
          Checking your session…
        </p>
      </main>
    );
  }
  if (session === 'signed-out') {
    return (
      <SignInPage
        onSignedIn={() => {
          setSession('signed-in');
          navigate(wanted && wanted !== 'sign-in' ? wanted : 'overview', { replace: true });
        }}
      />
    );
  }
  return <SignedIn route={route} onSignedOut={() => setSession('signed-out')} />;
}

function SignedIn(props: { route: string; onSignedOut: () => void }) {
  const [info, setInfo] = useState<GatewayInfo | null>(null);
  const [signingOut, setSigningOut] = useState(false);
  const [head = 'overview', ...restParts] = props.route.split('/');
  const page = PAGES.find((p) => p.route === head);
  const firstPage = useRef(true);

  useEffect(() => {
    call<GatewayInfo>('/admin/info').then(setInfo, () => setInfo(null));
  }, []);

  useEffect(() => {
    document.title = page ? `${page.title} · Switchyard` : 'Not found · Switchyard';
    // after an in-app navigation, move focus to the new page's heading (a fresh load starts at the top)
    if (firstPage.current) firstPage.current = false;
    else document.getElementById('page-title')?.focus({ preventScroll: true });
  }, [head]);

  const doSignOut = async () => {
    setSigningOut(true);
    try {
      await signOut();
    } catch {
      // the cookie may already be gone; the server forgets the session either way
    }
    props.onSignedOut();
    navigate('sign-in', { replace: true });
  };

  const Page = page?.component;
  return (
    <div class="shell">
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="topbar">
        <a class="brand" href={hrefOf('overview')} onClick={(e) => followLink(e, 'overview')}>
          <span class="brand-mark" aria-hidden="true" />
          Switchyard
        </a>
        <span class="topbar-meta">
          {info && (
            <span class="muted">
              v{info.version} · {info.store}
            </span>
          )}
          <button type="button" class="button subtle" onClick={doSignOut} disabled={signingOut} data-action="sign-out">
            Sign out
          </button>
        </span>
      </header>
      {info?.simulated && (
        <div class="simulated-banner" role="note" data-banner="simulated">
          SIMULATED DATA — this gateway serves simulated providers; no figure here is real traffic.
        </div>
      )}
      <div class="layout">
        <nav class="sidenav" aria-label="Dashboard pages">
          <ul>
            {PAGES.map((p) => (
              <li>
                <a href={hrefOf(p.route)} aria-current={p.route === head ? 'page' : undefined} onClick={(e) => followLink(e, p.route)}>
                  {p.title}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" tabIndex={-1} class="content" data-page={page ? page.route : 'not-found'}>
          {Page ? (
            <Page key={head} rest={restParts.join('/')} baseline={info?.baseline ?? null} />
          ) : (
            <>
              <h1 id="page-title" tabIndex={-1}>
                Not found
              </h1>
              <p>
                There is no page <code>{props.route}</code>. <a href={hrefOf('overview')} onClick={(e) => followLink(e, 'overview')}>Go to the overview</a>.
              </p>
            </>
          )}
        </main>
      </div>
    </div>
  );
}
