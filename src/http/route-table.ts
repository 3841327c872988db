import type { GatewayError } from '../spec/gateway-error.js';
import type { RouteHandler } from './request-context.js';

/** How a route's errors look on its wire (Anthropic's shape on /v1/messages); OpenAI's when absent. */
export type ErrorWire = (error: GatewayError) => { status: number; body: unknown };

export interface Route {
  handler: RouteHandler;
  /** The path as registered (`/v1/models/*`): a label for metrics that does not grow with the names in paths. */
  pattern: string;
  /** Whether the body is read and parsed as JSON before the handler runs. */
  readsBody: boolean;
  /** Whether it answers without a client key (health checks, metrics scrapes). */
  open: boolean;
  /** Whether it needs the admin key rather than a client key. */
  admin: boolean;
  errors?: ErrorWire;
}

export interface RouteOptions {
  open?: boolean;
  admin?: boolean;
  /** Errors in this wire's shape, authentication and body errors included. */
  errors?: ErrorWire;
}

export type RouteMatch = { route: Route; allowed?: undefined } | { route?: undefined; allowed: string[] };

/**
 * Exact paths, and prefixes ending in `/*` for paths that carry a name (`/v1/models/qwen/qwen3-32b`).
 * Lookup is one map read for the hot routes.
 */
export class RouteTable {
  private readonly exact = new Map<string, Map<string, Route>>();
  private readonly prefixes: Array<{ prefix: string; methods: Map<string, Route> }> = [];

  get(path: string, handler: RouteHandler, options: RouteOptions = {}): this {
    return this.add('GET', path, route(handler, path, false, options));
  }

  post(path: string, handler: RouteHandler, options: RouteOptions = {}): this {
    return this.add('POST', path, route(handler, path, true, options));
  }

  patch(path: string, handler: RouteHandler, options: RouteOptions = {}): this {
    return this.add('PATCH', path, route(handler, path, true, options));
  }

  delete(path: string, handler: RouteHandler, options: RouteOptions = {}): this {
    return this.add('DELETE', path, route(handler, path, false, options));
  }

  /** The route for a request, or the methods the path does allow (empty when the path is unknown). */
  match(method: string, path: string): RouteMatch {
    const methods = this.exact.get(path) ?? this.prefixes.find((p) => path.startsWith(p.prefix))?.methods;
    const route = methods?.get(method) ?? (method === 'HEAD' ? methods?.get('GET') : undefined);
    return route ? { route } : { allowed: methods ? [...methods.keys()] : [] };
  }

  private add(method: string, path: string, route: Route): this {
    let methods: Map<string, Route> | undefined;
    if (path.endsWith('/*')) {
      const prefix = path.slice(0, -1);
      methods = this.prefixes.find((p) => p.prefix === prefix)?.methods;
      if (!methods) this.prefixes.push({ prefix, methods: (methods = new Map()) });
    } else {
      methods = this.exact.get(path);
      if (!methods) this.exact.set(path, (methods = new Map()));
    }
    methods.set(method, route);
    return this;
  }
}

function route(handler: RouteHandler, pattern: string, readsBody: boolean, options: RouteOptions): Route {
  return { handler, pattern, readsBody, open: options.open ?? false, admin: options.admin ?? false, ...(options.errors && { errors: options.errors }) };
}
