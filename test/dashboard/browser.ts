import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

// Browser globals of the script run inside the page (the tests' TypeScript has no DOM library).
declare const window: any, document: any, MutationObserver: any;

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Debian's Chromium (`apt-get install -y chromium`); `npx playwright install` cannot download browsers here. */
export const chromiumPath = process.env.SWITCHYARD_CHROMIUM ?? '/usr/bin/chromium';

export const chromiumSkipReason = existsSync(chromiumPath)
  ? ''
  : `Chromium not found at ${chromiumPath} (apt-get install -y chromium, or set SWITCHYARD_CHROMIUM); the dashboard's browser tests are skipped`;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox'] });
}

/** Screenshots of every run (gitignored). */
export const artifactsDir = join(repoRoot, 'test-artifacts', 'dashboard');
/** The screenshots docs/dashboard.md shows: written when missing, or every run with SWITCHYARD_UPDATE_SCREENSHOTS=1. */
export const docsScreenshotsDir = join(repoRoot, 'docs', 'screenshots');

export const uiDir = join(repoRoot, 'dist', 'ui');
const dashboardDir = join(repoRoot, 'dashboard');

/**
 * The gateway serves dist/ui. `npm test` builds it first; a run of this file alone builds it when it is
 * missing or older than the dashboard's sources, so the browser never tests a stale page.
 */
export async function ensureDashboardBuilt(): Promise<void> {
  const index = join(uiDir, 'index.html');
  const fresh = () => existsSync(index) && statSync(index).mtimeMs >= newestSource(dashboardDir);
  if (fresh()) return;
  // test files run in parallel: one builds while the others wait for it
  const lock = join(repoRoot, 'dist', '.ui-build-lock');
  mkdirSync(dirname(lock), { recursive: true });
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`${lock} is held for over a minute: remove it if no build is running`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    if (fresh()) return;
    console.warn('[switchyard tests] dist/ui is missing or older than dashboard/: building it (npm run build:ui)');
    execFileSync(process.execPath, [join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', join(dashboardDir, 'vite.config.ts')], {
      cwd: repoRoot,
      stdio: 'inherit',
      timeout: 60_000,
    });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** What a page reported while a test watched it. */
export interface Watch {
  /** Console errors and uncaught exceptions, with the URL they came from. */
  errors: string[];
  /** Content-Security-Policy violations (the page's `securitypolicyviolation` events). */
  csp: string[];
  clear(): void;
}

/**
 * Watch every page of a context: console errors, uncaught exceptions and CSP violations, reported through
 * a binding from a listener installed before any of the page's own scripts. It also records when the first
 * chart was drawn (`window.__syFirstChart`, ms after navigation start).
 */
export async function watchContext(context: BrowserContext): Promise<Watch> {
  const watch: Watch = {
    errors: [],
    csp: [],
    clear() {
      this.errors.length = 0;
      this.csp.length = 0;
    },
  };
  await context.exposeBinding('__syReportCsp', (_source, text: string) => void watch.csp.push(text));
  await context.addInitScript(() => {
    const w = window as unknown as { __syReportCsp(text: string): void; __syFirstChart?: number };
    document.addEventListener('securitypolicyviolation', (e: any) => w.__syReportCsp(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`));
    new MutationObserver(() => {
      if (w.__syFirstChart === undefined && document.querySelector('.chart[data-points] canvas')) w.__syFirstChart = performance.now();
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-points'] });
  });
  const attach = (page: Page) => {
    page.on('console', (m) => {
      if (m.type() === 'error') watch.errors.push(`${m.text()} (${m.location().url})`);
    });
    page.on('pageerror', (err) => watch.errors.push(`uncaught: ${err.message}`));
  };
  context.pages().forEach(attach);
  context.on('page', attach);
  return watch;
}

/**
 * Save the whole page to test-artifacts/dashboard/<name>.png (or `options.artifacts`/<name>.png), and, for the
 * pages docs/dashboard.md shows, what the window shows (or the whole page) to docs/screenshots/<docs>.png: when
 * it is missing, or on every run with SWITCHYARD_UPDATE_SCREENSHOTS=1 (the figures and times change from run to
 * run, so an ordinary run leaves the committed pictures alone).
 */
export async function saveScreenshot(
  page: Page,
  name: string,
  options: { docs?: string; fullPage?: boolean; docsFullPage?: boolean; artifacts?: string } = {},
): Promise<void> {
  const dir = options.artifacts ?? artifactsDir;
  mkdirSync(dir, { recursive: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  writeFileSync(join(dir, `${name}.png`), await page.screenshot({ fullPage: options.fullPage ?? true, animations: 'disabled' }));
  if (!options.docs) return;
  const docs = join(docsScreenshotsDir, `${options.docs}.png`);
  if (process.env.SWITCHYARD_UPDATE_SCREENSHOTS === '1' || !existsSync(docs)) {
    mkdirSync(docsScreenshotsDir, { recursive: true });
    writeFileSync(docs, await page.screenshot({ fullPage: options.docsFullPage ?? false, animations: 'disabled' }));
  }
}
