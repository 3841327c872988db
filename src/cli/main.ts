import { Command, CommanderError } from 'commander';
import { runCheckConfig } from './check-config-command.js';
import { runCatalog, type CatalogCommandOptions } from './catalog-command.js';
import { runConfigSchema } from './config-schema-command.js';
import { runKeys } from './keys-command.js';
import { runTeamBudget } from './team-budget-command.js';
import { runReport, type ReportCommandOptions } from './report-command.js';
import { runRouteExplain, type RouteExplainOptions } from './route-explain-command.js';
import { registerRouterCommands } from './router-command.js';
import { runStart } from './start-command.js';
import { runDemo, type DemoCommandOptions } from './demo-command.js';
import { runStatus, type StatusOptions } from './status-command.js';
import { runDrillCommand, type DrillOptions } from './drill-command.js';
import { runKill, type KillOptions } from './kill-command.js';
import { runPolicyExplain, type PolicyExplainOptions } from './policy-explain-command.js';
import { readPackageVersion } from './read-package-version.js';

/** Every command finds its config, and so its store, by one rule (src/config/find-config-file.ts). */
const CONFIG_HELP = 'config file; default: $SWITCHYARD_CONFIG, else ./switchyard.yaml, else the zero-config store ./switchyard.db';

/** The `switchyard` command line. Resolves with the process exit code. */
export async function main(argv: string[]): Promise<number> {
  let code = 0;
  const program = new Command('switchyard')
    .description('Self-hosted, OpenAI-compatible gateway for open-weight and frontier models.')
    .version(readPackageVersion(), '-V, --version', 'print the version and exit')
    .exitOverride()
    .showHelpAfterError();

  program
    .command('start')
    .description('Start the gateway (zero-config from environment variables when no --config is given).')
    .option('-c, --config <file>', 'config file (YAML); default: $SWITCHYARD_CONFIG, else ./switchyard.yaml, else providers discovered from the environment')
    .option('-l, --listen <host:port>', 'listen address, overrides the config (default 127.0.0.1:4000)')
    .option('-w, --workers <n>', 'processes sharing the port (node:cluster); more than 1 needs postgres storage and redis', '1')
    .action(async (opts: { config?: string; listen?: string; workers?: string }) => {
      code = await runStart(opts);
    });

  program
    .command('demo')
    .description(
      'Try the gateway without provider keys: simulated providers (nothing leaves this machine), 30 days of simulated history, live simulated traffic, keys printed.',
    )
    .option('-p, --port <port>', 'port on 127.0.0.1 (0: any free port)', '4000')
    .option('--store <file>', 'the demo store, recreated on every run; a file that is not a demo store is refused', './switchyard-demo.db')
    .option('--no-traffic', 'send no live traffic (the seeded history is still written)')
    .option('--traffic-interval <seconds>', 'typical seconds between two live requests', '12')
    .option('--log-level <level>', "the gateway's log level (its JSON lines go to stdout)", 'error')
    .action(async (opts: DemoCommandOptions) => {
      code = await runDemo(opts);
    });

  program
    .command('check-config')
    .description('Validate a config file and print every problem with the path of its field.')
    .argument('<file>', 'config file (YAML)')
    .action(async (file: string) => {
      code = await runCheckConfig(file);
    });

  const keys = program.command('keys').description('Virtual keys: create, list, rename, rotate, revoke; team budgets (on the store named in the config).');
  keys
    .command('create')
    .description('Create a key; it is printed once, and only its hash is stored.')
    .requiredOption('--team <team>', 'the team the key belongs to')
    .option('--name <name>', 'a name to recognise it by')
    .option('--budget <usd>', 'spending limit in USD per period')
    .option('--period <period>', 'budget period: day, week or month (default month)')
    .option('--rpm <n>', 'requests per minute')
    .option('--tpm <n>', 'tokens per minute')
    .option('--models <list>', "comma-separated models the key may use, as clients name them (default: all); checked against the config's models")
    .option('--store-bodies', 'keep request and response bodies in the ledger (size-capped)')
    .option('--expires <when>', 'when the key stops working: a span from now (30d, 12h) or an ISO date or time (default: never)')
    .option('-c, --config <file>', CONFIG_HELP)
    .option('--create-store', 'create the store if it does not exist yet (otherwise refused)')
    .action(async (opts) => {
      code = await runKeys('create', opts);
    });
  keys
    .command('list')
    .description("Every key: limits, models, what it spent in its budget's period (else this month), expiry and status.")
    .option('-c, --config <file>', CONFIG_HELP)
    .option('--format <format>', 'table or json', 'table')
    .action(async (opts) => {
      code = await runKeys('list', opts);
    });
  keys
    .command('revoke')
    .argument('<key>', 'the key id or prefix')
    .option('-c, --config <file>', CONFIG_HELP)
    .action(async (target: string, opts) => {
      code = await runKeys('revoke', opts, target);
    });
  keys
    .command('rename')
    .description('Give a key a new name ("" removes it).')
    .argument('<key>', 'the key id or prefix')
    .argument('<name>', 'the new name')
    .option('-c, --config <file>', CONFIG_HELP)
    .action(async (target: string, name: string, opts) => {
      code = await runKeys('rename', opts, target, name);
    });
  keys
    .command('rotate')
    .description('Give a key a new secret, printed once: same id, team, budget, limits and spend; the old secret stops working.')
    .argument('<key>', 'the key id or prefix')
    .option('-c, --config <file>', CONFIG_HELP)
    .action(async (target: string, opts) => {
      code = await runKeys('rotate', opts, target);
    });
  keys
    .command('team-budget')
    .description("Set (or, with --remove, remove) a budget all of a team's keys share; each request reserves against it and its key's own.")
    .argument('<team>', 'the team')
    .option('--budget <usd>', 'spending limit in USD per period, for all the team\'s keys together')
    .option('--period <period>', 'budget period: day, week or month (default month)')
    .option('--remove', "remove the team's budget")
    .option('-c, --config <file>', CONFIG_HELP)
    .option('--create-store', 'create the store if it does not exist yet (otherwise refused)')
    .action(async (team: string, opts) => {
      code = await runTeamBudget(team, opts);
    });
  keys
    .command('team-budgets')
    .description('Every team budget, with what its keys spent together in the current period.')
    .option('-c, --config <file>', CONFIG_HELP)
    .option('--format <format>', 'table or json', 'table')
    .action(async (opts) => {
      code = await runTeamBudget(undefined, opts);
    });

  program
    .command('catalog')
    .description('List the catalog: models, origins, licences, capabilities and prices per provider; or, with --providers, each provider type\'s jurisdiction and data policy.')
    .option('--origin <cc>', "developer's country, ISO alpha-2 (e.g. CN), or EU for its member states")
    .option('--open', 'open-weight models only')
    .option('--provider <type>', 'models a provider type offers, with its prices (with --providers: that type only)')
    .option('--providers', 'provider types: jurisdiction, retention, training on prompts, with sources and the date read')
    .option('-c, --config <file>', "apply this config's catalog section (added models, declared agreements); default: $SWITCHYARD_CONFIG, else ./switchyard.yaml, else none")
    .option('--format <format>', 'table or json', 'table')
    .action((opts: CatalogCommandOptions) => {
      code = runCatalog(opts);
    });

  program
    .command('route')
    .description('Routing tools.')
    .command('explain')
    .description("Print the plan the gateway would make for a request (order and exclusions, with its policies, kill switches and caps), sending nothing.")
    .option('-c, --config <file>', CONFIG_HELP)
    .option('-m, --model <model>', 'the model (overrides the request file)')
    .option('-r, --request <file>', 'a chat-completions request body (JSON)')
    .option('--key <key>', 'plan as this virtual key (id or the prefix `keys list` prints): its team, policies and budget apply')
    .option('--team <team>', 'plan as a caller of this team (when no key is given)')
    .option('--format <format>', 'text or json', 'text')
    .action(async (opts: RouteExplainOptions) => {
      code = await runRouteExplain(opts);
    });

  program
    .command('report')
    .description('Spend, savings, model origins and providers, from the ledger.')
    .argument('<report>', 'spend | savings | origins | providers')
    .option('-c, --config <file>', CONFIG_HELP)
    .option('--since <when>', '30d, 12h or an ISO date (default 30d)')
    .option('--until <when>', 'same forms (default now)')
    .option('--by <grouping>', 'spend: day|key|team|model|provider; origins: day|week|month')
    .option('--format <format>', 'table | csv | json', 'table')
    .option('--baseline <model>', 'savings: provider/model or a catalog model id (default: the config baseline)')
    .action(async (report: string, opts: ReportCommandOptions) => {
      code = await runReport(report, opts);
    });

  registerRouterCommands(program, (c) => (code = c));

  program
    .command('kill')
    .description('Stop new requests from reaching a provider, a developer, an origin country or a model (every process, within a second).')
    .argument('<target>', 'provider:<id or type> | developer:<id> | origin:<country> | model:<model>')
    .option('--reason <text>', 'why, for the audit log')
    .option('--actor <name>', 'who, for the audit log (default: your user name)')
    .option('--force', 'kill a name that neither the config nor the catalog knows yet')
    .option('-c, --config <file>', CONFIG_HELP)
    .option('--create-store', 'create the store if it does not exist yet (otherwise refused)')
    .action(async (target: string, opts: KillOptions) => {
      code = await runKill('kill', opts, target);
    });
  program
    .command('unkill')
    .description('Release a kill switch.')
    .argument('<target>', 'as given to kill')
    .option('--reason <text>', 'why, for the audit log')
    .option('--actor <name>', 'who, for the audit log (default: your user name)')
    .option('-c, --config <file>', CONFIG_HELP)
    .action(async (target: string, opts: KillOptions) => {
      code = await runKill('unkill', opts, target);
    });
  program
    .command('kills')
    .description('List the kill switches in force (and the audit log with --audit).')
    .option('--audit', 'also print the last 50 audit-log entries')
    .option('--format <format>', 'text or json', 'text')
    .option('-c, --config <file>', CONFIG_HELP)
    .action(async (opts: KillOptions) => {
      code = await runKill('list', opts);
    });

  program
    .command('policy')
    .description('Provider-risk policy tools.')
    .command('explain')
    .description('Which deployments of a model a caller may reach, and the rule or kill switch that stops each other one.')
    .requiredOption('-m, --model <model>', 'the model or route')
    .option('--key <key>', 'a virtual key id or prefix (its team applies too)')
    .option('--team <team>', 'a team (when no key is given)')
    .option('-c, --config <file>', CONFIG_HELP)
    .option('--format <format>', 'text or json', 'text')
    .action(async (opts: PolicyExplainOptions) => {
      code = await runPolicyExplain(opts);
    });

  program
    .command('drill')
    .description('What if a provider, developer or country disappeared? Replays recent traffic without it.')
    .option('--without <target>', 'provider:X | developer:Y | origin:CC | model:M (repeatable)', (v: string, prev: string[] = []) => [...prev, v])
    .option('--force', 'drill a name that neither the config nor the catalog knows yet')
    .option('--since <when>', '30d, 12h or an ISO date (default 30d)')
    .option('--until <when>', 'same forms (default now)')
    .option('-c, --config <file>', CONFIG_HELP)
    .option('--format <format>', 'text or json', 'text')
    .action(async (opts: DrillOptions) => {
      code = await runDrillCommand(opts);
    });

  program
    .command('status')
    .description("Each deployment's state on the running gateway (closed, open, cooling, misconfigured), its last error and latency; needs SWITCHYARD_ADMIN_KEY.")
    .option('-c, --config <file>', CONFIG_HELP)
    .option('--url <url>', "the gateway's address (default: the config's listen address)")
    .option('--format <format>', 'text or json', 'text')
    .action(async (opts: StatusOptions) => {
      code = await runStatus(opts);
    });

  program
    .command('config-schema')
    .description("Print the config file's JSON Schema (for editor completion and validation).")
    .action(() => {
      code = runConfigSchema();
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    throw err;
  }
  return code;
}
