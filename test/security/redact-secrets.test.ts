import { describe, expect, it } from 'vitest';
import { mapUpstreamError } from '../../src/providers/toolkit/map-upstream-error.js';
import { redactSecrets } from '../../src/providers/toolkit/redact-secrets.js';
import { headerValue } from '../../src/http/header-value.js';

/** Provider keys echoed back in any shape never survive (issue 12, finding 12). */
const KEY = 'sk-live-Zq8Rt3Xv9Wp2Lm7Kd4Hs6Jb1Nf5Cy0Ga';
const secrets = [KEY];

/** Whether any 10 characters of the key survive in a row, in any case. */
function leaks(text: string, secret = KEY): boolean {
  const lower = text.toLowerCase();
  const s = secret.toLowerCase();
  for (let i = 0; i + 10 <= s.length; i++) if (lower.includes(s.slice(i, i + 10))) return true;
  return false;
}

describe('redactSecrets', () => {
  it.each([
    ['whole', `bad key ${KEY} given`],
    ['upper-cased', `BAD KEY ${KEY.toUpperCase()}`],
    ['shortened to its first 20 characters', `key ${KEY.slice(0, 20)}...`],
    ['its last 12 characters', `key ending ${KEY.slice(-12)}`],
    ['twice, glued to text', `x${KEY}y${KEY}z`],
  ])('%s', (_what, text) => {
    const out = redactSecrets(text, secrets);
    expect(leaks(out)).toBe(false);
    expect(out).toContain('[redacted]');
  });

  it.each([0, 1, 2])('base64 and base64url inside a longer encoded blob (offset %i)', (offset) => {
    const blob = Buffer.from(`${'p'.repeat(offset)}Authorization: Bearer ${KEY}\r\n`).toString('base64');
    for (const text of [blob, blob.replace(/\+/g, '-').replace(/\//g, '_')]) {
      const out = redactSecrets(`headers: ${text}`, secrets);
      for (let pad = 0; pad < 3; pad++) {
        const encoded = Buffer.from(`${'\0'.repeat(pad)}${KEY}`).toString('base64').slice(4, -4);
        expect(out.includes(encoded.slice(0, 12))).toBe(false);
      }
      expect(out).toContain('[redacted]');
    }
  });

  it('leaves other text alone', () => {
    const text = 'The model is overloaded; retry in 5 s. Request id req_abc123.';
    expect(redactSecrets(text, secrets)).toBe(text);
  });
});

describe('upstream error messages', () => {
  it('a key straddling the 500-character cut of a non-JSON body is redacted before the cut', () => {
    const body = `${'e'.repeat(490)}${KEY}${'e'.repeat(600)}`;
    const error = mapUpstreamError({ providerId: 'p', status: 500, headers: {}, bodyText: body, secrets });
    expect(leaks(error.message)).toBe(false);
    // nor its first characters alone, which the cut used to leave behind
    expect(error.message).not.toContain(KEY.slice(0, 8));
  });

  it('a JSON message with the key escaped or split over fields', () => {
    const body = JSON.stringify({ error: { message: `Incorrect API key provided: ${KEY.slice(0, 18)}****${KEY.slice(-4)}` } });
    const error = mapUpstreamError({ providerId: 'p', status: 401, headers: {}, bodyText: body, secrets });
    expect(leaks(error.message)).toBe(false);
  });
});

describe('headerValue', () => {
  it('makes any string a legal header value', () => {
    expect(headerValue('plain/model-1.5')).toBe('plain/model-1.5');
    expect(headerValue('a\r\nx-evil: 1')).toBe('a%0D%0Ax-evil: 1');
    expect(headerValue('模型')).toBe('%E6%A8%A1%E5%9E%8B');
    expect(headerValue('\ud800')).toBe('%EF%BF%BD');
    expect(headerValue('x'.repeat(5000)).length).toBe(2048);
  });
});
