import type { DatasetEvaluation } from './evaluate-router.js';
import type { CurvePoint } from './routing-curve.js';

const W = 560, H = 400, L = 60, R = 20, T = 40, B = 50;
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const fmt = (x: number) => (Math.round(x * 10) / 10).toString();

/** At most ~400 points per line: curves over thousands of prompts are thinned, keeping the first and last. */
function thin(curve: readonly CurvePoint[]): CurvePoint[] {
  const step = Math.max(1, Math.ceil(curve.length / 400));
  const out = curve.filter((_, i) => i % step === 0);
  if (out[out.length - 1] !== curve[curve.length - 1]) out.push(curve[curve.length - 1]!);
  return out;
}

/** The curve of quality against strong-call share for the router, the random router and the oracle, as SVG. */
export function curveSvg(ev: DatasetEvaluation): string {
  const all = [...ev.curves.router, ...ev.curves.oracle, ...ev.curves.random].map((p) => p.quality);
  let lo = Math.min(...all);
  let hi = Math.max(...all);
  if (hi - lo < 1e-9) (lo -= 0.05), (hi += 0.05);
  const pad = (hi - lo) * 0.05;
  lo -= pad;
  hi += pad;
  const x = (s: number) => L + s * (W - L - R);
  const y = (q: number) => T + (1 - (q - lo) / (hi - lo)) * (H - T - B);
  const path = (c: readonly CurvePoint[]) => thin(c).map((p, i) => `${i ? 'L' : 'M'}${fmt(x(p.share))},${fmt(y(p.quality))}`).join('');
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2}" y="20" text-anchor="middle" font-size="14">${esc(ev.dataset)}: quality vs strong-call share (n=${ev.n})</text>`,
  ];
  for (let i = 0; i <= 10; i += 2) {
    const s = i / 10;
    parts.push(`<line x1="${fmt(x(s))}" y1="${T}" x2="${fmt(x(s))}" y2="${H - B}" stroke="#eee"/>`);
    parts.push(`<text x="${fmt(x(s))}" y="${H - B + 16}" text-anchor="middle">${i * 10}%</text>`);
  }
  for (let i = 0; i <= 5; i++) {
    const q = lo + ((hi - lo) * i) / 5;
    parts.push(`<line x1="${L}" y1="${fmt(y(q))}" x2="${W - R}" y2="${fmt(y(q))}" stroke="#eee"/>`);
    parts.push(`<text x="${L - 6}" y="${fmt(y(q) + 4)}" text-anchor="end">${q.toFixed(3)}</text>`);
  }
  parts.push(`<rect x="${L}" y="${T}" width="${W - L - R}" height="${H - T - B}" fill="none" stroke="#444"/>`);
  parts.push(`<text x="${(L + W - R) / 2}" y="${H - 12}" text-anchor="middle">share of calls to the strong model</text>`);
  parts.push(`<text transform="translate(16 ${(T + H - B) / 2}) rotate(-90)" text-anchor="middle">mean quality</text>`);
  const lines: Array<[string, readonly CurvePoint[], string, string]> = [
    ['oracle', ev.curves.oracle, '#2a9d3f', ev.oracle.apgr],
    ['random', ev.curves.random, '#888', ev.random.apgr],
    ['router', ev.curves.router, '#1f5fbf', ev.router.apgr],
  ].map(([name, c, color, apgr]) => [name as string, c as CurvePoint[], color as string, apgr == null ? 'n/a' : (apgr as number).toFixed(3)]);
  lines.forEach(([name, c, color, apgr], i) => {
    parts.push(`<path d="${path(c)}" fill="none" stroke="${color}" stroke-width="2"${name === 'random' ? ' stroke-dasharray="5 4"' : ''}/>`);
    const ly = T + 16 + i * 16;
    parts.push(`<line x1="${W - R - 150}" y1="${ly - 4}" x2="${W - R - 128}" y2="${ly - 4}" stroke="${color}" stroke-width="2"/>`);
    parts.push(`<text x="${W - R - 122}" y="${ly}">${name} (APGR ${apgr})</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
