import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

/** A Sportello process started as `npm start` starts it, with the time it took to log `ready`. */
export interface StartedProcess {
  readonly child: ChildProcess;
  readonly url: string;
  readonly readyMs: number;
  readonly readyLine: Record<string, unknown>;
  readonly lines: string[];
  stop(): Promise<number | null>;
}

/**
 * The Node.js flags `npm start` gives the server (package.json), so that the tests and the
 * benchmarks run it exactly as an office does.
 */
export const serverNodeFlags: readonly string[] = (() => {
  const { scripts } = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  const words = scripts.start.split(/\s+/);
  const scriptAt = words.indexOf('build/start.js');
  if (words[0] !== 'node' || scriptAt < 1)
    throw new Error(`package.json's start is not «node [flags] build/start.js»: ${scripts.start}`);
  return words.slice(1, scriptAt);
})();

/** Compiles the server as `npm start` does (nothing to do when build/ is up to date). */
export function buildServer(): void {
  execFileSync(process.execPath, ['app/cli/build.mjs'], { cwd: projectRoot, stdio: 'inherit' });
}

/** Another way to start it: an installed package's own command, say. */
export interface StartCommand {
  readonly file: string;
  readonly args: readonly string[];
  readonly cwd: string;
}

/**
 * Spawns the compiled server as `npm start` runs it after building (its flags included) with the
 * given environment and waits for its `ready` log line.
 */
export async function startSportelloProcess(
  env: Record<string, string>,
  timeoutMs = 30_000,
  script: string | StartCommand = join(projectRoot, 'build', 'start.js'),
): Promise<StartedProcess> {
  const command: StartCommand =
    typeof script === 'string'
      ? { file: process.execPath, args: [...serverNodeFlags, script], cwd: dirname(dirname(script)) }
      : script;
  if (typeof script === 'string') buildServer();
  const started = performance.now();
  const child = spawn(command.file, command.args, {
    cwd: command.cwd,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      HTTP_PORT: '0',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += String(chunk)));
  const ready = new Promise<Record<string, unknown>>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no ready line within ${timeoutMs} ms:\n${lines.join('\n')}\n${stderr}`)),
      timeoutMs,
    );
    createInterface({ input: child.stdout! }).on('line', (line) => {
      lines.push(line);
      try {
        const parsed = JSON.parse(line) as Record<string, unknown>;
        if (parsed.msg === 'ready') {
          clearTimeout(timer);
          resolve(parsed);
        }
      } catch {
        // not a log line
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Sportello exited with ${code} before ready:\n${lines.join('\n')}\n${stderr}`));
    });
  });
  const readyLine = await ready;
  const readyMs = performance.now() - started;
  return {
    child,
    url: String(readyLine.url),
    readyMs,
    readyLine,
    lines,
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const [code] = (await once(child, 'exit')) as [number | null];
      return code;
    },
  };
}
