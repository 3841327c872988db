import OpenAI from 'openai';
import { buildConfig } from '../../src/config/load-config.js';
import { silentLogging } from '../../src/server/create-logging.js';
import { startGateway, type RunningGateway } from '../../src/server/start-gateway.js';

export interface TestGateway extends RunningGateway {
  /** The official OpenAI SDK pointed at the gateway. */
  client: OpenAI;
}

/**
 * Start a real gateway on a loopback port from a config tree (as the YAML would parse), with logging off.
 * `listen` defaults to 127.0.0.1:0 (a free port).
 */
export async function startTestGateway(raw: Record<string, unknown>, env: Record<string, string> = {}): Promise<TestGateway> {
  const config = buildConfig({ listen: '127.0.0.1:0', log_level: 'silent', storage: 'sqlite::memory:', ...raw }, 'test', env);
  const gateway = await startGateway(config, { logging: silentLogging() });
  const client = new OpenAI({
    baseURL: `${gateway.url}/v1`,
    apiKey: config.masterKey ?? 'no-key',
    maxRetries: 0,
    timeout: 15_000,
  });
  return Object.assign(gateway, { client });
}
