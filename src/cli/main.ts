import { Command, CommanderError } from 'commander';
import { runCheckConfig } from './check-config-command.js';
import { runConfigSchema } from './config-schema-command.js';
import { runStart } from './start-command.js';

/** The `switchyard` command line. Resolves with the process exit code. */
export async function main(argv: string[]): Promise<number> {
  let code = 0;
  const program = new Command('switchyard')
    .description('Self-hosted, OpenAI-compatible gateway for open-weight and frontier models.')
    .exitOverride()
    .showHelpAfterError();

  program
    .command('start')
    .description('Start the gateway (zero-config from environment variables when no --config is given).')
    .option('-c, --config <file>', 'config file (YAML); default: $SWITCHYARD_CONFIG, else discover providers from the environment')
    .option('-l, --listen <host:port>', 'listen address, overrides the config (default 127.0.0.1:4000)')
    .action(async (opts: { config?: string; listen?: string }) => {
      code = await runStart(opts);
    });

  program
    .command('check-config')
    .description('Validate a config file and print every problem with the path of its field.')
    .argument('<file>', 'config file (YAML)')
    .action((file: string) => {
      code = runCheckConfig(file);
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
