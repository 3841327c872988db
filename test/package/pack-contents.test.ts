import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/run-cli.js';
import { runNpmPack, type PackResult } from './run-npm-pack.js';

/** What `npm pack --dry-run` would publish: ours by name, licensed, documented, runnable, no dangling maps. */
const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  name: string;
  license: string;
  bin: Record<string, string>;
};
let pack: PackResult;
let shipped: Set<string>;

beforeAll(async () => {
  pack = await runNpmPack(['--dry-run']);
  shipped = new Set(pack.files.map((f) => f.path));
}, 70_000);

describe('the npm package', () => {
  it('has a scoped name of its own, and the command is still `switchyard`', () => {
    // The unscoped name `switchyard` belongs to an unrelated package on the registry.
    expect(pack.name).toMatch(/^@[a-z0-9-]+\/[a-z0-9-]+$/);
    expect(manifest.bin).toEqual({ switchyard: 'bin/switchyard.js' });
    expect(shipped).toContain('bin/switchyard.js');
    expect(shipped, 'dist/ is missing: run `npm run build` first').toContain('dist/cli/main.js');
  });

  it('ships the Apache-2.0 licence text that package.json names', () => {
    expect(manifest.license).toBe('Apache-2.0');
    expect(shipped).toContain('LICENSE');
    const text = readFileSync(join(repoRoot, 'LICENSE'), 'utf8');
    expect(text).toMatch(/Apache License\s+Version 2\.0, January 2004/);
    expect(text).toContain('END OF TERMS AND CONDITIONS');
  });

  it('ships every file that README.md, SECURITY.md and the docs link to', () => {
    const pages = ['README.md', 'SECURITY.md', ...[...shipped].filter((p) => p.startsWith('docs/') && p.endsWith('.md'))];
    const missing: string[] = [];
    for (const page of pages) {
      expect(shipped).toContain(page);
      for (const target of relativeLinks(readFileSync(join(repoRoot, page), 'utf8'))) {
        const path = posix.normalize(posix.join(posix.dirname(page), target));
        if (!shipped.has(path)) missing.push(`${page} -> ${target}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('ships no source map whose sources are absent, and no reference to a map it does not ship', () => {
    const dangling: string[] = [];
    for (const path of shipped) {
      if (path.endsWith('.map')) {
        const map = JSON.parse(readFileSync(join(repoRoot, path), 'utf8')) as { sources?: string[]; sourceRoot?: string };
        for (const source of map.sources ?? []) {
          const resolved = posix.normalize(posix.join(posix.dirname(path), map.sourceRoot ?? '', source));
          if (!shipped.has(resolved)) dangling.push(`${path} -> ${source}`);
        }
      } else if (path.endsWith('.js')) {
        const ref = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(readFileSync(join(repoRoot, path), 'utf8'));
        if (ref && !ref[1]!.startsWith('data:') && !shipped.has(posix.join(posix.dirname(path), ref[1]!))) {
          dangling.push(`${path} -> ${ref[1]}`);
        }
      }
    }
    expect(dangling).toEqual([]);
  });

  it('ships no sources, tests or local data', () => {
    const stray = [...shipped].filter((p) => /^(src|test|bench|tools|node_modules)\//.test(p) || /\.db$|\.ts$/.test(p));
    expect(stray).toEqual([]);
  });
});

/** Targets of Markdown links that stay inside the package (not URLs, not in-page anchors), without anchors. */
function relativeLinks(markdown: string): string[] {
  const targets: string[] = [];
  for (const m of markdown.matchAll(/\]\(([^)\s]+)\)/g)) {
    const target = m[1]!;
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#')) continue;
    targets.push(target.split('#')[0]!);
  }
  return targets;
}
