import { ERROR_CODES, GatewayError } from '../../../src/spec/gateway-error.js';

/** A property of the code under test that an input broke (as opposed to an error the code threw itself). */
export class InvariantViolation extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InvariantViolation';
  }
}

export function violation(condition: unknown, message: () => string, cause?: unknown): void {
  if (!condition) throw new InvariantViolation(message(), cause === undefined ? undefined : { cause });
}

export interface GatewayErrorRules {
  /** Highest status allowed: 499 where the input is a client's (a bad request must never be a 5xx). */
  maxStatus?: number;
  /** Credentials that must not appear in the message. */
  secrets?: readonly string[];
}

/**
 * What the code under test threw must be a well-formed GatewayError within the rules; anything else is
 * rethrown as it is, so the report shows where it came from.
 */
export function expectGatewayError(error: unknown, rules: GatewayErrorRules = {}): GatewayError {
  if (!(error instanceof GatewayError)) throw error;
  checkGatewayError(error, rules);
  return error;
}

export function checkGatewayError(error: GatewayError, rules: GatewayErrorRules = {}): void {
  const info = ERROR_CODES[error.code];
  violation(info !== undefined && info.status === error.status, () => `GatewayError with an unknown code '${error.code}'`, error);
  violation(typeof error.message === 'string' && error.message !== '', () => 'GatewayError without a message', error);
  if (rules.maxStatus !== undefined) {
    violation(error.status <= rules.maxStatus, () => `status ${error.status} (${error.code}) for a client's bad input: ${error.message}`, error);
  }
  for (const secret of rules.secrets ?? []) {
    violation(!leaksSecret(error.message, secret), () => `the message repeats a credential: ${JSON.stringify(error.message.slice(0, 300))}`, error);
  }
  if (error.retryAfterSeconds !== undefined) {
    violation(Number.isFinite(error.retryAfterSeconds) && error.retryAfterSeconds >= 0, () => `retryAfterSeconds is ${error.retryAfterSeconds}`, error);
  }
}

/** Redaction's promise: no ten characters of a secret in a row (any ASCII letter case); the whole secret when shorter. */
export function leaksSecret(text: string, secret: string, window = 10): boolean {
  const hay = asciiLower(text);
  const needle = asciiLower(secret);
  if (needle.length <= window) return hay.includes(needle);
  for (let i = 0; i + window <= needle.length; i++) if (hay.includes(needle.slice(i, i + window))) return true;
  return false;
}

function asciiLower(text: string): string {
  return text.replace(/[A-Z]+/g, (run) => run.toLowerCase());
}

/** The value must survive JSON.stringify (it is sent on, logged or stored as JSON). */
export function expectSerializable(value: unknown, what: string): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value ?? null);
  } catch (err) {
    throw new InvariantViolation(`${what} does not serialize to JSON: ${(err as Error).message}`, { cause: err });
  }
  violation(typeof text === 'string', () => `${what} does not serialize to JSON`);
  return text as string;
}
