// What an operator emulation plugs into. Each operator lives in its own folder (sandbox/<id>/), exports
// one SandboxOperator, and is listed once in sandbox/registry.ts.
import type { SandboxOptions } from '../options';
import type { OutboundHttp } from './outbound';
import type { RouteHandler } from './router';
import type { TimerScope } from './timers';

export interface OperatorContext {
  /** The operator id (also its path segment under /_sandbox/). */
  id: string;
  options: SandboxOptions;
  /** Registers a route owned by this operator. */
  route(method: 'GET' | 'POST' | 'PUT' | 'DELETE', pattern: string, handler: RouteHandler): void;
  /** Timers cleared when the sandbox closes. */
  timers: TimerScope;
  /** Outgoing HTTP (callbacks), logged in the call log. */
  outbound: OutboundHttp;
  /** Prints a line when options.log is on. */
  log(line: string): void;
}

export interface OperatorInstance<State> {
  /** In-memory state, exposed to tests as RunningSandbox.operators[id]. */
  state: State;
  close?(): void | Promise<void>;
}

export interface SandboxOperator<State = unknown> {
  id: string;
  /** Human-readable name, for logs and the README. */
  name: string;
  create(ctx: OperatorContext): OperatorInstance<State>;
}
