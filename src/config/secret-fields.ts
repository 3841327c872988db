import { formatPath } from './config-error.js';

/** A header whose name says it carries a credential (`Authorization`, `X-Api-Key`, `X-Auth-Token`...). */
const SECRET_HEADER = /auth|key|token|secret|pass/i;

/**
 * Whether a config field holds a secret: the client, admin and metrics keys, a provider's key, and a
 * provider's or the OTLP exporter's headers that carry a credential. These are the fields README says come
 * from `${ENV}` references, never from the file; commands that send nothing leave them unresolved.
 */
export function isSecretField(path: ReadonlyArray<string | number>): boolean {
  const [a, b, c, d] = path;
  if (a === 'auth') return path.length === 2 && (b === 'master_key' || b === 'admin_key' || b === 'metrics_key');
  if (a === 'providers') {
    if (path.length === 3) return c === 'api_key';
    return path.length === 4 && c === 'headers' && typeof d === 'string' && SECRET_HEADER.test(d);
  }
  if (a === 'telemetry') return path.length === 4 && b === 'otlp' && c === 'headers' && typeof d === 'string' && SECRET_HEADER.test(d);
  return false;
}

/** The paths of the secret fields written in the file as they are, without a `${ENV}` reference. */
export function findLiteralSecrets(raw: unknown): string[] {
  const found: string[] = [];
  const walk = (value: unknown, path: Array<string | number>): void => {
    if (typeof value === 'string') {
      if (value !== '' && !value.includes('${') && isSecretField(path)) found.push(formatPath(path));
      return;
    }
    if (path.length >= 4 || typeof value !== 'object' || value === null || Array.isArray(value)) return;
    for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
  };
  walk(raw, []);
  return found;
}

/** The variable a field is exactly a reference to (`"${SWITCHYARD_MASTER_KEY}"` → SWITCHYARD_MASTER_KEY). */
export function referencedVariable(value: unknown): string | undefined {
  return typeof value === 'string' ? /^\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-[^}]*)?\}$/.exec(value.trim())?.[1] : undefined;
}

/**
 * Why the gateway must not start with secrets written in its file on an address other machines reach, or
 * undefined when it may: on loopback, with none, or with `allow_literal_secrets: true`.
 */
export function literalSecretsRefusal(host: string, secrets: LiteralSecrets | undefined, loopback: boolean): string | undefined {
  if (loopback || !secrets || secrets.allowed || secrets.paths.length === 0) return undefined;
  return (
    `secrets are written in the config file (${secrets.paths.join(', ')}) and ${host} is reachable from other machines: ` +
    'put each in the environment and refer to it as "${NAME}", or set allow_literal_secrets: true if the file is kept as a secret itself'
  );
}

/** The secret fields written literally in a config file, and whether the file says that is intended. */
export interface LiteralSecrets {
  paths: readonly string[];
  allowed: boolean;
}

/** The one line start and check-config print about literal secrets (loopback, or allowed). */
export function literalSecretsWarning(secrets: LiteralSecrets | undefined): string | undefined {
  if (!secrets || secrets.paths.length === 0) return undefined;
  return (
    `Warning: secrets written in the config file (${secrets.paths.join(', ')}): whoever can read the file has them. ` +
    'Put each in the environment and write "${NAME}" in the file' +
    (secrets.allowed ? ' (allow_literal_secrets: true is set).' : '; off loopback the gateway refuses to start with them unless allow_literal_secrets: true.')
  );
}
