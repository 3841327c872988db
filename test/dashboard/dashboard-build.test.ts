import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureDashboardBuilt, uiDir } from './browser.js';

/**
 * The built dashboard as the gateway serves it (no browser needed): a page the strict CSP allows, assets
 * under /ui/assets/ with content hashes, nothing fetched from elsewhere, and a small page weight.
 */
const assetsDir = join(uiDir, 'assets');
let html: string;
let assets: string[];

beforeAll(async () => {
  await ensureDashboardBuilt();
  html = readFileSync(join(uiDir, 'index.html'), 'utf8');
  assets = readdirSync(assetsDir);
}, 60_000);

const gzipped = (names: string[]) => names.reduce((total, name) => total + gzipSync(readFileSync(join(assetsDir, name)), { level: 9 }).length, 0);

describe('the built dashboard', () => {
  it('has no inline script, style or event handler, and loads its files from /ui/assets/', () => {
    expect(html).not.toMatch(/<style/i);
    expect(html).not.toMatch(/\sstyle=/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\ssrc="\/ui\/assets\/[^"]+\.js"/);
      expect(body!.trim()).toBe('');
    }
    const linked = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    for (const url of linked) expect(url).toMatch(/^\/ui\/assets\//);
  });

  it('names every asset by its content hash, with no source maps', () => {
    for (const name of assets) expect(name).toMatch(/^[\w-]+-[\w-]{8}\.(js|css|svg)$/);
    expect(assets.some((a) => a.endsWith('.map'))).toBe(false);
  });

  it('fetches nothing from other origins (no CDN, no web fonts)', () => {
    for (const name of assets.filter((a) => /\.(js|css)$/.test(a))) {
      const text = readFileSync(join(assetsDir, name), 'utf8');
      // the SVG namespace is an identifier, not a fetch
      const urls = [...text.matchAll(/https?:\/\/[^\s"'`)]+/g)].map((m) => m[0]).filter((u) => !u.startsWith('http://www.w3.org/'));
      expect(urls, name).toEqual([]);
      expect(text, name).not.toMatch(/@import|@font-face/);
    }
  });

  it('weighs under 300 KB of gzipped JavaScript', () => {
    const js = gzipped(assets.filter((a) => a.endsWith('.js')));
    const css = gzipped(assets.filter((a) => a.endsWith('.css')));
    console.log(`[dashboard] page weight: ${(js / 1024).toFixed(1)} KB JS + ${(css / 1024).toFixed(1)} KB CSS gzipped`);
    expect(js).toBeLessThan(300 * 1024);
  });
});
