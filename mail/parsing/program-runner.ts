import { spawn, type ChildProcess } from 'node:child_process';

// The OCR programs (and, wired by the server, LibreOffice's conversions) are started by a small
// helper process, not by the server: a fork of a process of several hundred megabytes holds its
// event loop for tens of milliseconds, once per page or document.
const runnerScript = new URL('./program-runner-process.mjs', import.meta.url);

interface PendingRun {
  readonly resolve: (result: { stdout: string }) => void;
  readonly reject: (error: Error) => void;
}

let runner: ChildProcess | null = null;
const pending = new Map<number, PendingRun>();
let nextId = 1;

function started(): ChildProcess {
  if (runner && runner.connected) return runner;
  const child = spawn(process.execPath, [runnerScript.pathname], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  child.on('message', (answer: { id: number; stdout?: string; error?: string }) => {
    const run = pending.get(answer.id);
    if (!run) return;
    pending.delete(answer.id);
    if (pending.size === 0) child.channel?.unref();
    if (answer.error !== undefined) run.reject(new Error(answer.error));
    else run.resolve({ stdout: answer.stdout ?? '' });
  });
  child.on('exit', () => {
    if (runner === child) runner = null;
    for (const [id, run] of pending) {
      pending.delete(id);
      run.reject(new Error('the program runner stopped'));
    }
  });
  // Idle, it keeps nothing alive: the process (or reader thread) may end.
  child.unref();
  child.channel?.unref();
  runner = child;
  return child;
}

/** Runs a program as execFile would (its standard output, or an error), started by the helper process. */
export function runProgram(
  file: string,
  args: readonly string[],
  options: {
    readonly timeout: number;
    readonly maxBuffer?: number;
    readonly env?: Record<string, string>;
  },
): Promise<{ stdout: string }> {
  const child = started();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    child.channel?.ref();
    child.send(
      {
        id,
        file,
        args,
        timeout: options.timeout,
        maxBuffer: options.maxBuffer ?? 1024 * 1024,
        env: options.env,
      },
      (error) => {
        if (!error) return;
        pending.delete(id);
        reject(error);
      },
    );
  });
}
