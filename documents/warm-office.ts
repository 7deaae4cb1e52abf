import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Starts a program and resolves with its standard output, as `execFile` would. The server passes
 * one that starts programs from a small helper process: forking a process of several hundred
 * megabytes holds its event loop for tens of milliseconds, once per document.
 */
export type RunProgram = (
  file: string,
  args: readonly string[],
  options: { readonly timeout: number; readonly env?: Record<string, string> },
) => Promise<{ stdout: string }>;

/** Programs started by this process itself (the tests and the commands). */
export const runFromThisProcess: RunProgram = async (file, args, options) => {
  const { stdout } = await run(file, [...args], options);
  return { stdout: String(stdout) };
};

// unoconv is a Python script that needs the Python that has LibreOffice's UNO bridge (Debian's
// python3-uno); the PATH of a developer machine may start with another Python.
const systemPython = '/usr/bin/python3';
const systemPath = '/usr/local/bin:/usr/bin:/bin';

/**
 * One LibreOffice kept running (through unoconv's listener, Debian's `unoconv` package), so that a
 * conversion costs a document's work (~0.3–0.5 s) instead of a whole office start with a new
 * profile (~1–5 s of CPU). It is started on first use, started again if it died, and stopped with
 * Sportello. Each Sportello process has its own pipe, so replicas and tests never share one.
 */
export class WarmOffice {
  private listener: ChildProcess | null = null;
  private ready: Promise<void> | null = null;
  private readonly pipe = `sportello-office-${process.pid}-${Date.now()}`;
  /** Its own home, hence its own LibreOffice profile: two offices cannot share one. */
  private readonly environment = { PATH: systemPath, HOME: join(tmpdir(), this.pipe) };
  /** The socket LibreOffice opens for the pipe (TMPDIR is unset in its environment: /tmp). */
  private readonly socket = `/tmp/OSL_PIPE_${process.getuid?.() ?? 0}_${this.pipe}`;

  private constructor(
    private readonly unoconv: string,
    private readonly runProgram: RunProgram,
  ) {}

  /** A warm office when unoconv and the UNO bridge are installed, otherwise null. */
  static async detect(
    runProgram: RunProgram = runFromThisProcess,
    unoconv = '/usr/bin/unoconv',
  ): Promise<WarmOffice | null> {
    try {
      const env = { PATH: systemPath };
      await runProgram(systemPython, ['-c', 'import uno'], { timeout: 15_000, env });
      await runProgram(systemPython, [unoconv, '--version'], { timeout: 15_000, env });
      return new WarmOffice(unoconv, runProgram);
    } catch {
      return null;
    }
  }

  /** Writes `output` (PDF) from `input`, starting the office first if it is not running. */
  async convert(input: string, output: string, timeoutMs: number): Promise<void> {
    await this.start();
    const options = ['--no-launch', `--pipe=${this.pipe}`, '-f', 'pdf', '-o', output, input];
    // Niced like the office: the client's own start-up is CPU the intake may need more.
    await this.runProgram('nice', ['-n', '10', systemPython, this.unoconv, ...options], {
      timeout: timeoutMs,
      env: this.environment,
    });
  }

  stop(): void {
    if (this.listener) killGroup(this.listener);
    this.listener = null;
    this.ready = null;
    rmSync(this.environment.HOME, { recursive: true, force: true });
    rmSync(this.socket, { force: true });
  }

  private start(): Promise<void> {
    if (this.ready) return this.ready;
    mkdirSync(this.environment.HOME, { recursive: true });
    this.ready = this.waitUntilListening();
    this.ready.catch(() => this.stop());
    return this.ready;
  }

  /**
   * Starts the listener and waits until its office accepts connections. On a new profile
   * LibreOffice restarts itself once, and unoconv's listener exits with the first process: it is
   * started again (a few times at most).
   */
  private async waitUntilListening(): Promise<void> {
    const connection = `pipe,name=${this.pipe};urp;StarOffice.ComponentContext`;
    const deadline = Date.now() + 60_000;
    for (let starts = 0; Date.now() < deadline;) {
      if (!this.listener) {
        if (starts++ >= 4) break;
        this.spawnListener();
      }
      // Until its socket exists, asking the office costs a process start for nothing: the
      // check is a stat, so that a starting office does not take the event loop's time.
      if (!existsSync(this.socket)) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        continue;
      }
      try {
        await this.runProgram(systemPython, ['-c', probe, connection], {
          timeout: 10_000,
          env: this.environment,
        });
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
    }
    throw new Error('LibreOffice listener did not start');
  }

  private spawnListener(): void {
    // In a process group of its own, so that stopping it stops the office it started too.
    // At a lower CPU priority: a document may wait, the intake of the next message must not.
    const listener = spawn(
      'nice',
      ['-n', '10', systemPython, this.unoconv, '--listener', `--pipe=${this.pipe}`],
      {
        env: this.environment,
        stdio: 'ignore',
        detached: true,
      },
    );
    listener.unref();
    // Never left behind: a listener outlives its parent unless killed (a test's or a crashed start).
    const kill = () => killGroup(listener);
    process.once('exit', kill);
    listener.on('exit', () => {
      process.off('exit', kill);
      if (this.listener === listener) {
        this.listener = null;
        // Died after it was ready (killed, crashed): the next conversion starts another.
        if (this.ready)
          this.ready.then(
            () => (this.ready = null),
            () => undefined,
          );
      }
    });
    this.listener = listener;
  }
}

function killGroup(child: ChildProcess): void {
  try {
    if (child.pid) process.kill(-child.pid, 'SIGTERM');
  } catch {
    // Already gone.
  }
}

/** One attempt to reach the office at the connection given as argument; exits 0 when it answers. */
const probe = `
import sys, uno
ctx = uno.getComponentContext()
resolver = ctx.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", ctx)
resolver.resolve("uno:" + sys.argv[1])
`;
