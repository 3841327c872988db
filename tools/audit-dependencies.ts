/**
 * The supply-chain check `.ci/run` runs (`npm run audit:deps`):
 * 1. every production dependency that runs an install script is named, with a reason, in package.json's
 *    `allowScripts` and in docs/security.md, and no other does;
 * 2. `npm audit --omit=dev --audit-level=high` finds no high or critical advisory.
 * Where the registry does not serve the advisory database (some mirrors answer 405), the audit has no
 * result: that is said plainly, and the run fails only when SWITCHYARD_AUDIT_REQUIRED=1.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

interface LockPackage {
  dev?: boolean;
  devOptional?: boolean;
  hasInstallScript?: boolean;
}

const root = new URL('../../../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, LockPackage> };
const manifest = JSON.parse(read('package.json')) as { allowScripts?: Record<string, boolean> };
const securityDoc = read('docs/security.md');
const problems: string[] = [];

// 1. install scripts of production dependencies
const withScripts = Object.entries(lock.packages)
  .filter(([path, p]) => path !== '' && p.hasInstallScript && !p.dev && !p.devOptional)
  .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));
for (const name of withScripts) {
  if (manifest.allowScripts?.[name] !== true) problems.push(`${name} runs an install script but is not in package.json allowScripts`);
  if (!securityDoc.includes(`\`${name}\``)) problems.push(`${name} runs an install script but docs/security.md does not say why it may`);
}
console.log(`install scripts in production dependencies: ${withScripts.length > 0 ? withScripts.join(', ') : 'none'}`);

// 2. known advisories
let out: string;
try {
  out = execFileSync('npm', ['audit', '--omit=dev', '--audit-level=high', '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
} catch (err) {
  // npm audit exits non-zero when it finds advisories at or above the level; its JSON is still on stdout
  out = (err as { stdout?: string }).stdout ?? '';
}
let report: { metadata?: { vulnerabilities?: Record<string, number> }; statusCode?: number; message?: string } = {};
try {
  report = JSON.parse(out) as typeof report;
} catch {
  report = { message: 'npm audit printed no JSON' };
}
const counts = report.metadata?.vulnerabilities;
if (counts) {
  const serious = (counts.high ?? 0) + (counts.critical ?? 0);
  console.log(`npm audit (production): ${JSON.stringify(counts)}`);
  if (serious > 0) problems.push(`npm audit found ${serious} high or critical advisories in production dependencies (run npm audit --omit=dev)`);
} else {
  const why = report.message ?? 'no answer';
  const line = `npm audit has no result: the registry's advisory service did not answer (${why})`;
  if (process.env.SWITCHYARD_AUDIT_REQUIRED === '1') problems.push(line);
  else console.log(`WARNING: ${line}. Set SWITCHYARD_AUDIT_REQUIRED=1 to fail on this.`);
}

if (problems.length > 0) {
  for (const p of problems) console.error(`audit: ${p}`);
  process.exit(1);
}
console.log('audit: ok');
