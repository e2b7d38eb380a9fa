/**
 * The one place that reaches into zapier-platform-core's private files (`src/tools/…`). They are not part of
 * core's public API, so an upgrade may move them: when it does, this file is what breaks, and nothing else.
 * Each function requires its file only when called, so importing this module loads nothing.
 */
/* eslint-disable @typescript-eslint/no-require-imports */

type LambdaHandler = (event: unknown) => Promise<{ results: unknown }>;
export interface ValidationError {
  property?: string;
  message: string;
}

/** Core's Lambda entry point: what runs a step on Zapier, middleware, z.cache and RPC included. */
export const createLambdaHandler = (app: unknown): LambdaHandler =>
  (require('zapier-platform-core/src/tools/create-lambda-handler') as (app: unknown) => LambdaHandler)(app);

/** What `zapier-platform validate` checks, run on the app definition in memory (functions must be serialisable). */
export const validateAppDefinition = (app: unknown): ValidationError[] => {
  const { compileApp, validateApp } = require('zapier-platform-core/src/tools/schema') as {
    compileApp: (app: unknown) => unknown;
    validateApp: (compiled: unknown) => ValidationError[];
  };
  return validateApp(compileApp(app));
};

/**
 * Core's memory checker exits the process after 250 invocations over 450 MB, which is how Zapier recycles its
 * Lambda containers. Tests mock this module (a jest worker that has loaded the suite is past 450 MB).
 */
export const MEMORY_CHECKER_MODULE = 'zapier-platform-core/src/tools/memory-checker';
