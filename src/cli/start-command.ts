import { ConfigError } from '../config/config-error.js';
import { storeMovedHint } from '../config/config-relative-path.js';
import type { GatewayConfig } from '../config/gateway-config.js';
import { storagePlace, type StoreTarget } from './cli-store.js';
import { loadCommandConfig } from './command-config.js';
import { isLoopback, parseListen } from '../config/parse-listen.js';
import { literalSecretsWarning } from '../config/secret-fields.js';
import { startGateway, UnsafeListenError } from '../server/start-gateway.js';
import { leaveCluster, runPrimary, workerId, workersRefusal } from './run-workers.js';

/** `switchyard start`: run until SIGTERM or SIGINT, then shut down gracefully; resolves with the exit code. */
export async function runStart(opts: { config?: string; listen?: string; workers?: string }): Promise<number> {
  const workers = Number(opts.workers ?? '1');
  if (!Number.isInteger(workers) || workers < 1 || workers > 256) {
    console.error(`--workers '${opts.workers}': expected a whole number from 1 to 256`);
    return 1;
  }
  let config: GatewayConfig;
  let found: string[] | undefined;
  let target: StoreTarget;
  try {
    ({ config, found, target } = await loadCommandConfig(opts.config));
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  }
  if (opts.listen) {
    const listen = parseListen(opts.listen);
    if (typeof listen === 'string') {
      console.error(`--listen: ${listen}`);
      return 1;
    }
    config = { ...config, listen };
  }

  const moved = storeMovedHint(config.storage);
  if (moved) {
    console.error(`Not starting on an empty store. ${moved}`);
    return 1;
  }
  const refusal = workersRefusal(workers, config);
  if (refusal) {
    console.error(refusal);
    return 1;
  }
  const worker = workerId();
  if (workers > 1 && worker === undefined) return runPrimary(workers, (line) => console.error(line));

  let gateway;
  try {
    gateway = await startGateway(config, worker === undefined ? {} : { spoolName: `worker-${worker}` });
  } catch (err) {
    if (err instanceof UnsafeListenError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  }
  if (worker === undefined) printBanner(gateway.url, config, found, target, await gateway.app.clientKeysRequired());
  // A promise nobody awaited that fails is one request's problem: it is logged, and the process keeps
  // serving everyone else (each request's own failures are answered where they happen).
  const log = gateway.app.log;
  process.on('unhandledRejection', (err) => log.error({ err }, 'unhandled promise rejection; the gateway keeps serving'));

  await new Promise<void>((resolve) => {
    let stoppingSince: number | undefined;
    const onSignal = (signal: NodeJS.Signals) => {
      if (stoppingSince !== undefined) {
        // `npm start` forwards the terminal's Ctrl-C, which the gateway also got itself: one press, two
        // signals. A repeat within a second is that echo; a later Ctrl-C is a person asking to stop now.
        if (signal !== 'SIGINT' || Date.now() - stoppingSince < 1_000) return;
        console.error('SIGINT again: exiting without waiting for in-flight requests');
        process.exit(130);
      }
      stoppingSince = Date.now();
      console.error(`${signal}: finishing in-flight requests (up to ${config.shutdownGraceMs} ms), then exiting`);
      gateway.close().then(done, (err) => {
        console.error(err);
        done();
      });
    };
    const done = () => {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      resolve();
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
  if (worker !== undefined) leaveCluster();
  return 0;
}

function printBanner(url: string, config: GatewayConfig, found: string[] | undefined, target: StoreTarget, keysRequired: boolean): void {
  const lines = [`Switchyard listening on ${url} (config: ${target.choice ? `${target.choice.path}, found by ${target.choice.from}` : 'none, zero-config'})`];
  lines.push(`Store:  ${storagePlace(config.storage)}${target.choice ? '' : ' (commands run in this folder without --config act on it)'}`);
  if (found) {
    lines.push(found.length > 0 ? 'Providers found:' : 'No providers found.');
    for (const f of found) lines.push(`  - ${f}`);
    if (found.length === 0) {
      lines.push('  Set a key such as DEEPSEEK_API_KEY or OPENAI_API_KEY, run Ollama locally, or pass --config FILE.');
      lines.push('  No keys yet? `switchyard demo` runs the gateway on simulated providers, with history and traffic to look at.');
    }
  } else {
    lines.push(`${config.providers.length} provider(s), ${config.models.length} model(s) configured.`);
  }
  const example = config.models[0]?.name ?? (config.providers[0] ? `${config.providers[0].id}/<model>` : '<provider>/<model>');
  const key = clientKeyHint(config, keysRequired);
  const auth = key ? ` -H "authorization: Bearer ${key}"` : '';
  lines.push(`Models: GET ${url}/v1/models`);
  lines.push(
    `Try:    curl ${url}/v1/chat/completions${auth} -H 'content-type: application/json' -d '{"model":"${example}","messages":[{"role":"user","content":"Hello"}]}'`,
  );
  lines.push(`SDKs:   point the OpenAI SDK's base URL at ${url}/v1`);
  if (!config.masterKey && keysRequired) {
    lines.push('Clients: a virtual key is required (keys have been issued in this store); `switchyard keys create --team T` makes one.');
  } else if (!keysRequired && isLoopback(config.listen.host)) {
    lines.push('Warning: no client authentication configured (auth.master_key, or a virtual key); anyone on this machine can use the gateway.');
  }
  const secrets = literalSecretsWarning(config.literalSecrets);
  if (secrets) lines.push(secrets);
  console.error(lines.join('\n'));
}

/**
 * What the `Try:` line sends as its key, never the key itself: the variable the master key comes from, a
 * pointer to the file when it is written there, a virtual key's placeholder when only those are accepted.
 */
function clientKeyHint(config: GatewayConfig, keysRequired: boolean): string | undefined {
  if (config.masterKey) return config.masterKeyVariable ? `$${config.masterKeyVariable}` : '<auth.master_key from the config file>';
  return keysRequired ? '<virtual key>' : undefined;
}
