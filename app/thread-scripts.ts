/** Defined by the build (app/cli/build.mjs): true in build/, absent when the sources run through tsx. */
declare const SPORTELLO_COMPILED: boolean | undefined;
const compiled = typeof SPORTELLO_COMPILED !== 'undefined' && SPORTELLO_COMPILED;

/** What a worker thread starts, and the module a thread started from the sources imports. */
export interface ThreadScript {
  readonly script: URL;
  /** Passed as `workerData.entry`; unused by a compiled thread. */
  readonly entry: string;
}

// Each name is also an entry of app/cli/build.mjs (build/<name>.js).
const sources = {
  'message-reader-worker': new URL('../mail/parsing/message-reader-worker.ts', import.meta.url),
  'contract-render-worker': new URL('../documents/contract-render-worker.ts', import.meta.url),
} as const;

/**
 * Compiled, a thread runs build/<name>.js; from the sources (tests, developer commands), a
 * bootstrap registers tsx in the thread and imports the entry.
 */
export function threadScript(name: keyof typeof sources): ThreadScript {
  return compiled
    ? { script: new URL(`../${name}.js`, import.meta.url), entry: '' }
    : { script: new URL('./thread-bootstrap.mjs', import.meta.url), entry: sources[name].href };
}
