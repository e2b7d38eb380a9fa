/**
 * Runs the app the way Zapier does, so the demo, the end-to-end tests and the benchmarks exercise the
 * real thing: every step goes through zapier-platform-core's Lambda handler (middleware, z.request,
 * z.cache, z.stashFile via the sandbox's stand-in), and what Zapier does after an error is copied:
 *   - RefreshAuthError: run the session exchange again, then retry the step once;
 *   - ThrottledError: wait the delay it asks for, then retry (a scale factor lets tests shrink time
 *     together with the sandbox's scaled-down rate window).
 */

import { createLambdaHandler } from './zapier-core-internals';

type AuthData = Record<string, string>;

export interface RunnerOptions {
  /** The app definition (index.ts's default export). */
  app: { authentication?: unknown };
  /** Where z.stashFile's RPC goes (the sandbox's Zapier stand-in). */
  rpcUrl?: string;
  /**
   * Multiplies the delay of a ThrottledError that followed a 429; 1 waits as long as Zapier would. A sandbox with
   * Trustpilot's window shrunk shrinks these waits with it. The app's own rate budget paces on the real clock,
   * which nothing shrinks, so the delay it asks for is waited in full.
   */
  throttleDelayScale?: number;
  /** How often one step may be throttled before the runner gives up (Zapier keeps trying for hours). */
  maxThrottleRetries?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface RunStats {
  steps: number;
  throttled: number;
  refreshed: number;
}

export type StepPath = `${'triggers' | 'creates' | 'searches'}.${string}`;

/** A webhook request as it reached a Zap's hook URL. */
export interface HookRequest {
  method: string;
  headers: Record<string, string>;
  /** The body exactly as it arrived. */
  content: string;
  querystring?: string;
}

/**
 * What Zapier hands a hook trigger's perform: `rawRequest` as received, and `cleanedRequest`, the parsed
 * JSON body (an object's fields plus `querystring`), or the form fields, or the text.
 */
export const hookBundleOf = (request: HookRequest) => {
  const query = Object.fromEntries(new URLSearchParams(request.querystring ?? ''));
  let cleaned: unknown;
  try {
    const parsed: unknown = JSON.parse(request.content);
    cleaned = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? { ...parsed, querystring: query } : parsed;
  } catch {
    cleaned = { ...Object.fromEntries(new URLSearchParams(request.content)), querystring: query };
  }
  return {
    cleanedRequest: cleaned,
    rawRequest: { method: request.method, headers: request.headers, content: request.content, querystring: request.querystring ?? '' },
  };
};

const delayOf = (err: Error): { seconds: number; after429: boolean } => {
  try {
    const { delay, message } = JSON.parse(err.message) as { delay?: unknown; message?: unknown };
    return { seconds: typeof delay === 'number' && delay > 0 ? delay : 60, after429: /\b429\b/.test(String(message)) };
  } catch {
    return { seconds: 60, after429: /\b429\b/.test(err.message) };
  }
};

export class ZapierRunner {
  authData: AuthData = {};
  readonly stats: RunStats = { steps: 0, throttled: 0, refreshed: 0 };
  /**
   * Zapier's cache is per account and outlives a step. With an RPC stand-in, z.cache goes there under this
   * runner's store key, with production's set-if-absent and TTLs (sandbox/zapier-cache.ts). Without one, core's
   * in-memory mock is used, which ignores both: fine only for an app that never claims anything.
   */
  readonly storeKey = `account-${Math.random().toString(36).slice(2)}`;
  private readonly cache: Record<string, unknown> = {};
  private readonly handler: (event: unknown) => Promise<{ results: unknown }>;

  constructor(private readonly options: RunnerOptions) {
    this.handler = createLambdaHandler(options.app);
    // z.stashFile's RPC needs a credential; an event token would also switch on log shipping to Zapier.
    if (options.rpcUrl) process.env.ZAPIER_DEPLOY_KEY ??= 'sandbox';
  }

  private invoke<T>(method: string, bundle: Record<string, unknown>): Promise<T> {
    return this.handler({
      command: 'execute',
      method,
      bundle,
      ...(this.options.rpcUrl ? { storeKey: this.storeKey } : { zcacheTestObj: this.cache }),
      rpc_base: this.options.rpcUrl,
      // As `zapier-platform invoke` runs a step: no memory log lines, Zapier's HTTP logging still on.
      calledFromCli: true,
      calledFromCliInvoke: true,
      callback_url: 'http://127.0.0.1/callback',
    }).then((response) => response.results as T);
  }

  /** The user fills in the connection form: the session exchange, as on "Connect". */
  async connect(fields: AuthData): Promise<AuthData> {
    const session = await this.invoke<AuthData>('authentication.sessionConfig.perform', { authData: fields, inputData: fields });
    this.authData = { ...fields, ...session };
    return this.authData;
  }

  testConnection(): Promise<Record<string, unknown>> {
    return this.invoke('authentication.test', { authData: this.authData, inputData: {} });
  }

  connectionLabel(): Promise<string> {
    return this.invoke('authentication.connectionLabel', { authData: this.authData, inputData: this.authData });
  }

  private async refresh(): Promise<void> {
    this.stats.refreshed++;
    const session = await this.invoke<AuthData>('authentication.sessionConfig.perform', { authData: this.authData, inputData: this.authData });
    this.authData = { ...this.authData, ...session };
  }

  /**
   * Zapier halts a step before running it when a required field's mapped value is empty, e.g.
   * 'Salesforce (1.3.1): Required field "Search Value" (searchValue) is missing.'
   * (https://github.com/yalla-coop/shannon-trust-website/issues/66): the app never sees the run.
   */
  private checkRequired(step: StepPath, inputData: Record<string, unknown>): void {
    const [kind, key] = step.split('.') as [string, string];
    const group = (this.options.app as Record<string, Record<string, { operation?: { inputFields?: unknown[] } }> | undefined>)[kind];
    const fields = (group?.[key]?.operation?.inputFields ?? []).filter(
      (f): f is { key: string; label?: string; required?: boolean } => typeof f === 'object' && f !== null,
    );
    for (const field of fields) {
      const value = inputData[field.key];
      const empty = value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
      if (field.required && empty) {
        const error = new Error(`Required field "${field.label ?? field.key}" (${field.key}) is missing.`);
        error.name = 'RequiredFieldMissing';
        throw error;
      }
    }
  }

  /** Runs one step, e.g. `creates.send_invitation`, with Zapier's handling of refreshes and throttling. */
  run<T = unknown>(step: StepPath, inputData: Record<string, unknown> = {}, meta: Record<string, unknown> = {}): Promise<T> {
    this.checkRequired(step, inputData);
    return this.execute<T>(`${step}.operation.perform`, inputData, meta, {});
  }

  /** Runs a hook trigger's perform on a request that reached the Zap's URL, as Zapier does when a webhook arrives. */
  hook<T = unknown>(step: `triggers.${string}`, request: HookRequest, inputData: Record<string, unknown> = {}): Promise<T> {
    return this.execute<T>(`${step}.operation.perform`, inputData, {}, hookBundleOf(request));
  }

  /** A hook trigger's performList: what the Zap editor's test step shows. */
  sample<T = unknown>(step: `triggers.${string}`, inputData: Record<string, unknown> = {}): Promise<T> {
    return this.execute<T>(`${step}.operation.performList`, inputData, { isLoadingSample: true }, {});
  }

  private async execute<T>(method: string, inputData: Record<string, unknown>, meta: Record<string, unknown>, extra: Record<string, unknown>): Promise<T> {
    const sleep = this.options.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
    let refreshed = false;
    let throttles = 0;
    this.stats.steps++;
    for (;;) {
      try {
        return await this.invoke<T>(method, { ...extra, authData: this.authData, inputData, meta: { isLoadingSample: false, isFillingDynamicDropdown: false, isPopulatingDedupe: false, limit: -1, page: 0, ...meta } });
      } catch (err) {
        const e = err as Error;
        if (e.name === 'RefreshAuthError' && !refreshed) {
          refreshed = true;
          await this.refresh();
          continue;
        }
        if (e.name === 'ThrottledError' && throttles < (this.options.maxThrottleRetries ?? 20)) {
          throttles++;
          this.stats.throttled++;
          const delay = delayOf(e);
          await sleep(delay.seconds * 1000 * (delay.after429 ? (this.options.throttleDelayScale ?? 1) : 1));
          continue;
        }
        throw err;
      }
    }
  }

  /** Whether the app has a step (a capability from another issue may not have landed yet). */
  has(step: StepPath): boolean {
    const [kind, key] = step.split('.') as [string, string];
    const group = (this.options.app as Record<string, Record<string, unknown> | undefined>)[kind];
    return Boolean(group?.[key]);
  }
}

