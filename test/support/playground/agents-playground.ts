import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { playgroundConfig, type PlaygroundUser } from './playground-config.js';

const require = createRequire(import.meta.url);
const cli = require.resolve('@microsoft/m365agentsplayground/cli.js');
const preload = new URL('./force-localhost.cjs', import.meta.url).pathname;

/** Microsoft 365 Agents Playground (a real Teams-like client) on 127.0.0.1, for one user. */
export class AgentsPlayground {
  private child: ChildProcess | null = null;
  readonly output: string[] = [];

  constructor(
    readonly port: number,
    private readonly botEndpoint: string,
    private readonly user: PlaygroundUser,
    private readonly others: readonly PlaygroundUser[] = [],
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const cwd = mkdtempSync(join(tmpdir(), 'sportello-playground-'));
    writeFileSync(
      join(cwd, '.m365agentsplayground.yml'),
      playgroundConfig(this.user, this.others, 'tenant-sportello'),
    );
    const child = spawn(
      process.execPath,
      [
        '-r',
        preload,
        cli,
        'start',
        '-e',
        this.botEndpoint,
        '-c',
        'msteams',
        '-p',
        String(this.port),
        '--disable-telemetry',
      ],
      {
        cwd,
        env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none', BROWSER: 'none' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.child = child;
    child.stdout!.on('data', (chunk) => this.output.push(String(chunk)));
    child.stderr!.on('data', (chunk) => this.output.push(String(chunk)));
    // Its first, cold start on a busy two-core machine took over 30 s once: the tests allow 90.
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`playground exited: ${this.output.join('')}`);
      const up = await fetch(this.url).then(
        (response) => response.ok,
        () => false,
      );
      if (up) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`playground did not start: ${this.output.join('')}`);
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
}
