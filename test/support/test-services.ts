import { connect } from 'node:net';

/**
 * The PostgreSQL server and Redis that development and CI machines run on loopback (`.ci/run` starts
 * them). A suite that needs one asks `postgresSkipReason()` / `redisSkipReason()` and skips with the
 * printed reason when nothing answers there. Only an absent service skips: when something accepts the
 * connection the suites run, so a wrong password or a broken server fails loudly instead of hiding.
 * `SWITCHYARD_TEST_SERVICES=required` turns an absent service into a failure (for CI).
 */
export const TEST_PG_URL = process.env.SWITCHYARD_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_REDIS_URL = process.env.SWITCHYARD_TEST_REDIS ?? 'redis://127.0.0.1:6379';

/** A loopback connect is answered (or refused) at once; the bound is for an address that drops packets. */
const PROBE_TIMEOUT_MS = 3_000;

const probes = new Map<string, Promise<string>>();

/** '' when PostgreSQL accepts connections, else why the suites that need it are skipped. */
export function postgresSkipReason(): Promise<string> {
  return skipReason('PostgreSQL', TEST_PG_URL, 5432, 'SWITCHYARD_TEST_PG');
}

/** '' when Redis accepts connections, else why the suites that need it are skipped. */
export function redisSkipReason(): Promise<string> {
  return skipReason('Redis', TEST_REDIS_URL, 6379, 'SWITCHYARD_TEST_REDIS');
}

function skipReason(service: string, url: string, defaultPort: number, variable: string): Promise<string> {
  let probe = probes.get(service);
  if (!probe) {
    probe = reason(service, url, defaultPort, variable);
    probes.set(service, probe);
  }
  return probe;
}

async function reason(service: string, url: string, defaultPort: number, variable: string): Promise<string> {
  const { hostname, port } = new URL(url);
  // host and port only: the URL may carry a password
  const host = hostname.replace(/^\[|\]$/g, '');
  const where = `${hostname}:${port || defaultPort}`;
  const failure = await tryConnect(host, Number(port || defaultPort));
  if (failure === undefined) return '';
  const why = `${service} not reachable at ${where} (${failure}); start it (.ci/run does) or point ${variable} at one`;
  if (process.env.SWITCHYARD_TEST_SERVICES === 'required') throw new Error(`${why}; SWITCHYARD_TEST_SERVICES=required`);
  console.warn(`[switchyard tests] ${why}: the ${service} tests of this file are skipped`);
  return why;
}

/** undefined when a TCP connection opens, else the error's code. */
function tryConnect(host: string, port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (failure: string | undefined) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(failure);
    };
    const timer = setTimeout(() => done(`no answer in ${PROBE_TIMEOUT_MS} ms`), PROBE_TIMEOUT_MS);
    socket.once('connect', () => done(undefined));
    socket.once('error', (err: NodeJS.ErrnoException) => done(err.code ?? err.message));
  });
}
