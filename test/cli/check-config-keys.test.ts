import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { issueKey } from '../../src/auth/issue-key.js';
import { openSqlite } from '../../src/ledger/sqlite/open-sqlite.js';
import { SqliteKeyStore } from '../../src/ledger/sqlite/sqlite-key-store.js';
import { runCli } from '../support/run-cli.js';

/**
 * `check-config` and `policies.keys`: a key policy naming no key in the config's store is an error with
 * its path; a key named by id or printed prefix passes; a store that is not there is neither created nor
 * assumed, and the output says the keys were not checked.
 */
describe('switchyard check-config: key policies', () => {
  let dir: string;
  let db: string;
  let id: string;
  let prefix: string;

  const config = (name: string, storage: string, keys: string[]) => {
    const file = join(dir, name);
    const lines = [`storage: "sqlite:${storage}"`, 'policies:', '  keys:', ...keys.map((k) => `    "${k}": { origins: { deny: [CN] } }`), ''];
    writeFileSync(file, lines.join('\n'));
    return file;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sy-check-keys-'));
    db = join(dir, 'ledger.db');
    const sqlite = openSqlite(db);
    ({ id, prefix } = (await issueKey(new SqliteKeyStore(sqlite), { team: 't' })).record);
    sqlite.close();
  });

  it('passes keys named by id, by prefix, and by the prefix as `keys list` prints it', async () => {
    const r = await runCli(['check-config', config('good.yaml', db, [id, prefix, `${prefix}…`])]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('3 key policies checked against the store');
  });

  it("rejects a key the store does not have, with the path policies.keys.<name>", async () => {
    const r = await runCli(['check-config', config('bad.yaml', db, [prefix, 'sy-NotAKey'])]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('1 problem(s)');
    expect(r.stderr).toMatch(/policies\.keys\.sy-NotAKey: no key with this id or prefix in the store/);
    expect(r.stderr).not.toContain(`policies.keys.${prefix}:`);
  });

  it('says the keys were not checked when it cannot see the store, and creates none', async () => {
    const missing = join(dir, 'nowhere', 'ledger.db');
    const r = await runCli(['check-config', config('unseen.yaml', missing, ['sy-NotAKey'])]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`policies.keys: not checked against the store: there is no store at ${missing} yet`);
    expect(existsSync(missing)).toBe(false);
    expect(existsSync(join(dir, 'nowhere'))).toBe(false);
  });
});
