import { useEffect, useState } from 'preact/hooks';

/** Client-side routes live under /ui/ (the gateway answers index.html for any of them, so they reload). */
export const BASE = '/ui/';

/** The route inside the dashboard: `overview`, `requests/abc`, `sign-in`; '' for /ui/ itself. */
export function currentRoute(): string {
  const path = window.location.pathname;
  if (!path.startsWith(BASE)) return '';
  return decodeURIComponent(path.slice(BASE.length)).replace(/\/+$/, '');
}

export function hrefOf(route: string): string {
  return BASE + route.split('/').map(encodeURIComponent).join('/');
}

const listeners = new Set<() => void>();

/** Go to a route, adding it to the history (or replacing the current entry). */
export function navigate(route: string, options: { replace?: boolean } = {}): void {
  const href = hrefOf(route);
  if (href !== window.location.pathname) {
    if (options.replace) window.history.replaceState(null, '', href);
    else window.history.pushState(null, '', href);
  }
  for (const listener of listeners) listener();
}

/** The current route, re-rendering when it changes (links, back and forward). */
export function useRoute(): string {
  const [route, setRoute] = useState(currentRoute);
  useEffect(() => {
    const update = () => setRoute(currentRoute());
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return route;
}

/** A click on an in-app link: navigate without a reload, unless the user asked for a new tab or window. */
export function followLink(event: MouseEvent, route: string): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(route);
}
