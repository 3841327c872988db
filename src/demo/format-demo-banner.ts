import { AUTO_ROUTE, DEMO_MODELS, DEMO_PROVIDERS, RESTRICTED_TEAM } from './build-demo-config.js';
import type { RunningDemo } from './start-demo.js';

/**
 * What `switchyard demo` prints once it runs: that everything is simulated, where the gateway, the
 * dashboard and the metrics are, the keys, and a curl line and an OpenAI SDK snippet to paste.
 */
export function formatDemoBanner(demo: RunningDemo): string {
  const { url } = demo;
  const restricted = demo.keys.find((k) => k.team === RESTRICTED_TEAM);
  const stands = [...new Set(Object.values(DEMO_PROVIDERS).map((p) => p.simulates))].join(', ');
  const traffic =
    demo.trafficIntervalMs === undefined
      ? 'Live traffic: off (--no-traffic).'
      : `Live traffic: a simulated request about every ${Math.round(demo.trafficIntervalMs / 1000)} s, through the gateway, with the keys below.`;
  const curl = (key: string, model: string, prompt: string) =>
    `  curl ${url}/v1/chat/completions -H "authorization: Bearer ${key}" -H 'content-type: application/json' \\\n` +
    `    -d '{"model":"${model}","messages":[{"role":"user","content":"${prompt}"}]}'`;
  const lines = [
    'Switchyard demo: EVERYTHING HERE IS SIMULATED. No provider is called and nothing leaves this machine.',
    `  ${Object.keys(DEMO_PROVIDERS).length} simulated providers (sim-…) stand in for ${stands}: their catalog prices, jurisdictions and data policies, a realistic pace, now and then a 429 or a 5xx.`,
    '  Every answer starts with "[simulated] " and carries the header x-switchyard-simulated: true.',
    `  The ledger holds ${demo.history.days} days of made-up history (${demo.history.rows} requests, ids demo-seed-…): see docs/demo.md for the story it tells.`,
    `  ${traffic}`,
    '',
    `Gateway:    ${url}   (OpenAI-compatible: /v1/chat/completions, /v1/embeddings, /v1/models; also /v1/messages, /v1/responses)`,
    `Dashboard:  ${url}/ui`,
    `Metrics:    ${url}/metrics   (bearer: the admin key)`,
    `Reports:    ${url}/admin/reports/origins, /savings, /spend?by=team, /providers   (bearer: the admin key)`,
    `Store:      ${demo.storePath}   (a demo store: recreated on every run)`,
    '',
    `Admin key:  ${demo.adminKey}`,
    `Demo key:   ${demo.demoKey}   (team demo)`,
    ...(restricted ? [`Legal key:  ${restricted.key}   (team ${RESTRICTED_TEAM}: its policy refuses models developed in China and Chinese hosts)`] : []),
    '',
    `Models:     ${AUTO_ROUTE.name} (cost-quality: cheap tier unless the prompt needs a strong model), cheapest (lowest price), ${Object.keys(DEMO_MODELS).join(', ')}`,
    '',
    'Try it:',
    curl(demo.demoKey, AUTO_ROUTE.name, 'Prove that the square root of 2 is irrational.'),
    ...(restricted ? ['  # the policy at work: 403 policy_denied', curl(restricted.key, 'deepseek-v3.2', 'Hello')] : []),
    '',
    '  # Python (pip install openai)',
    '  from openai import OpenAI',
    `  client = OpenAI(base_url="${url}/v1", api_key="${demo.demoKey}")`,
    `  answer = client.chat.completions.create(model="${AUTO_ROUTE.name}", messages=[{"role": "user", "content": "Hello"}])`,
    '  print(answer.choices[0].message.content)',
    '',
    'Ctrl-C stops the demo.',
  ];
  return lines.join('\n');
}
