import { ConfigSchema } from '../config/config-schema.js';

/** `switchyard config-schema`: the JSON Schema of the config file. */
export function runConfigSchema(): number {
  console.log(JSON.stringify({ $schema: 'https://json-schema.org/draft/2020-12/schema', title: 'Switchyard config', ...ConfigSchema }, null, 2));
  return 0;
}
