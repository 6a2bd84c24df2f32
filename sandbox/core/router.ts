// A tiny router: METHOD + path pattern with `:name` parameters (one path segment each). Routes are
// matched in registration order; a pattern matches the whole path, so `/token/` and `/token` are two
// routes unless both are registered.
import type { SandboxRequest, SandboxResponse } from './http';

export type RouteHandler = (req: SandboxRequest, res: SandboxResponse) => void | Promise<void>;

export interface Route {
  method: string;
  pattern: string;
  /** Operator that owns the route ('sandbox' for the control plane). */
  owner: string;
  handler: RouteHandler;
  regex: RegExp;
  keys: string[];
}

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function compilePattern(pattern: string): { regex: RegExp; keys: string[] } {
  if (!pattern.startsWith('/')) throw new Error(`route pattern must start with '/': ${pattern}`);
  const keys: string[] = [];
  const source = pattern
    .split('/')
    .map((segment) => {
      if (segment.startsWith(':')) {
        const key = segment.slice(1);
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw new Error(`bad route parameter in ${pattern}`);
        keys.push(key);
        return '([^/]+)';
      }
      return escapeRegex(segment);
    })
    .join('/');
  return { regex: new RegExp(`^${source}$`), keys };
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, handler: RouteHandler, owner = 'sandbox'): this {
    const { regex, keys } = compilePattern(pattern);
    this.routes.push({ method: method.toUpperCase(), pattern, owner, handler, regex, keys });
    return this;
  }

  get(pattern: string, handler: RouteHandler, owner?: string): this {
    return this.add('GET', pattern, handler, owner);
  }

  post(pattern: string, handler: RouteHandler, owner?: string): this {
    return this.add('POST', pattern, handler, owner);
  }

  match(method: string, path: string): RouteMatch | null {
    const upper = method.toUpperCase();
    for (const route of this.routes) {
      if (route.method !== upper) continue;
      const found = route.regex.exec(path);
      if (!found) continue;
      const params: Record<string, string> = {};
      route.keys.forEach((key, i) => {
        params[key] = decode(found[i + 1] ?? '');
      });
      return { route, params };
    }
    return null;
  }

  list(): ReadonlyArray<Pick<Route, 'method' | 'pattern' | 'owner'>> {
    return this.routes.map(({ method, pattern, owner }) => ({ method, pattern, owner }));
  }
}
