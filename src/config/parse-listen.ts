import type { ListenAddress } from './gateway-config.js';

/** `HOST:PORT`, `[::1]:PORT` or `:PORT` (loopback) as an address, or a message saying what is wrong. */
export function parseListen(text: string): ListenAddress | string {
  const match = /^(?:\[([^\]]+)\]|([^:[\]]*)):(\d{1,5})$/.exec(text.trim());
  if (!match) return `expected HOST:PORT (e.g. 127.0.0.1:4000 or [::1]:4000), got '${text}'`;
  const host = match[1] ?? (match[2] || '127.0.0.1');
  const port = Number(match[3]);
  if (port > 65535) return `port ${port} is out of range`;
  return { host, port };
}

/** Whether an address only accepts connections from this machine. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
