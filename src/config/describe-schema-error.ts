import { ValueErrorType, type ValueError } from '@sinclair/typebox/value';
import { formatPath, type ConfigIssue } from './config-error.js';

/** A TypeBox validation error as a config issue with a readable path and message. */
export function describeSchemaError(error: ValueError): ConfigIssue {
  const keys = error.path
    .split('/')
    .slice(1)
    .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
  const path = formatPath(keys);
  switch (error.type) {
    case ValueErrorType.ObjectAdditionalProperties:
      return { path, message: 'unknown key (check its spelling; `switchyard config-schema` prints every allowed key)' };
    case ValueErrorType.ObjectRequiredProperty:
      return { path, message: 'is required' };
    case ValueErrorType.Union: {
      const options = (error.schema.anyOf as Array<{ const?: unknown }> | undefined)
        ?.map((s) => s.const)
        .filter((c) => c !== undefined);
      return { path, message: options?.length ? `must be one of: ${options.join(', ')}` : error.message };
    }
    default:
      return { path, message: error.message.charAt(0).toLowerCase() + error.message.slice(1) };
  }
}
