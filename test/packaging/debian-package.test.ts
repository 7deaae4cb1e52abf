import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDovecot, uniqueMailUser } from '../support/dovecot.js';
import { projectRoot, startSportelloProcess } from '../support/start-process.js';
import { scratchPostgres, type ScratchDatabase } from '../support/test-databases.js';

const run = promisify(execFile);
const hasProgram = (name: string) => {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

// What an office fills in /etc/sportello/sportello.env, appended to the package's own example: production
// mode with fake Teams credentials, the local PostgreSQL, the project's Dovecot as the mailbox.
function installationSettings(databaseUrl: string, mailUser: string, backupDir: string): string {
  return [
    'HTTP_PORT=0',
    `DATABASE_URL=${databaseUrl}`,
    'PUBLIC_BASE_URL=https://sportello.example.test',
    'IMAP_HOST=127.0.0.1',
    'IMAP_PORT=10143',
    'IMAP_SECURE=false',
    `IMAP_USER=${mailUser}`,
    'IMAP_PASSWORD=secret',
    'SMTP_HOST=127.0.0.1',
    'MAIL_FROM=amministrazione@comunitasocialecremasca.it',
    'MicrosoftAppId=11111111-2222-3333-4444-555555555555',
    'MicrosoftAppPassword=secret-value',
    'MicrosoftAppTenantId=99999999-8888-7777-6666-555555555555',
    'TEAMS_ALLOWED_TENANT_IDS=99999999-8888-7777-6666-555555555555',
    'DOCUMENT_LINK_SECRET=a-document-link-secret-of-32-characters-at-least',
    'PROCEDURE_RESPONSIBLE_NAME="Dott.ssa Elena Verdi"',
    `BACKUP_DIR=${backupDir}`,
    'LOG_LEVEL=info',
    '',
  ].join('\n');
}

// Issue 27: `npm run package:deb` builds the package an office installs; extracted, it starts.
describe('the Debian package', () => {
  let deb: string;
  let root: string;
  let scratch: ScratchDatabase;
  const stops: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    ensureDovecot();
    const { stdout } = await run('npm', ['run', 'package:deb'], { cwd: projectRoot, maxBuffer: 64 << 20 });
    deb = /Pacchetto scritto in (.+\.deb)\./.exec(stdout)![1]!;
    root = mkdtempSync(join(tmpdir(), 'sportello-deb-root-'));
    await run('dpkg-deb', ['-x', deb, root]);
    scratch = await scratchPostgres();
  }, 300_000);
  afterAll(async () => {
    for (const stop of stops.reverse()) await stop();
    await scratch?.drop();
  });

  it('names what it runs on and installs nothing into /etc, so an upgrade never touches the settings', async () => {
    const field = async (name: string) => (await run('dpkg-deb', ['--field', deb, name])).stdout.trim();
    expect(await field('Package')).toBe('sportello');
    expect(await field('Depends')).toMatch(
      /nodejs \(>= 20\.19\).*postgresql-client.*tesseract-ocr, tesseract-ocr-ita, poppler-utils/,
    );
    expect(await field('Recommends')).toContain('libreoffice-writer-nogui');
    const { stdout: contents } = await run('dpkg-deb', ['--contents', deb], { maxBuffer: 64 << 20 });
    for (const path of [
      './opt/sportello/build/start.js',
      './opt/sportello/node_modules/@prisma/client/package.json',
      './lib/systemd/system/sportello.service',
      './lib/systemd/system/sportello-backup.timer',
      './usr/share/sportello/sportello.env.example',
      './usr/share/doc/sportello/operations.md',
      './usr/share/man/man1/sportello.1.gz',
    ])
      expect(contents).toContain(path);
    expect(contents).toMatch(/-rwxr-xr-x root\/root .* \.\/opt\/sportello\/bin\/sportello\n/);
    expect(contents).toContain('./usr/bin/sportello -> /opt/sportello/bin/sportello');
    expect(contents).not.toContain(' ./etc/');
    // Only what the server runs: no test runner, browser driver or build tool.
    for (const absent of ['node_modules/vitest/', 'node_modules/playwright-core/', 'node_modules/esbuild/'])
      expect(contents).not.toContain(absent);
  });

  it('is what the Dockerfile installs and runs (it cannot be built here: no Docker engine)', () => {
    const dockerfile = readFileSync(join(projectRoot, 'packaging', 'Dockerfile'), 'utf8');
    const copied = /^COPY (\S+) /m.exec(dockerfile)![1]!;
    const pattern = new RegExp(`^${copied.replace(/[.]/g, '\\.').replace('*', '[^/]+')}$`);
    expect(`dist/${deb.split('/').pop()}`).toMatch(pattern);
    const command = JSON.parse(/^CMD (.+)$/m.exec(dockerfile)![1]!) as string[];
    expect(existsSync(join(root, command[0]!))).toBe(true);
    expect(command.slice(1)).toEqual(['start']);
    expect(dockerfile.split('\n').filter((line) => line && !line.startsWith('#')).length).toBeLessThanOrEqual(
      12,
    );
  });

  it('passes lintian, its maintainer scripts parse, its units verify', async () => {
    const control = mkdtempSync(join(tmpdir(), 'sportello-deb-control-'));
    await run('dpkg-deb', ['--control', deb, control]);
    for (const script of ['postinst', 'prerm', 'postrm']) await run('sh', ['-n', join(control, script)]);
    // The settings are written from the example once, never over the office's.
    expect(readFileSync(join(control, 'postinst'), 'utf8')).toMatch(
      /if \[ ! -e \/etc\/sportello\/sportello\.env \]; then\s+install -o root -g sportello -m 0640/,
    );
    if (hasProgram('systemd-analyze')) {
      // The units as installed, pointing into the extracted tree instead of /opt.
      const units = mkdtempSync(join(tmpdir(), 'sportello-units-'));
      const names = readdirSync(join(root, 'lib', 'systemd', 'system'));
      for (const name of names) {
        const text = readFileSync(join(root, 'lib', 'systemd', 'system', name), 'utf8');
        writeFileSync(join(units, name), text.replaceAll('/opt/sportello/', `${root}/opt/sportello/`));
      }
      await run('systemd-analyze', ['verify', '--man=no', ...names.map((name) => join(units, name))]);
    }
    if (hasProgram('lintian')) {
      const { stdout } = await run('lintian', ['--fail-on', 'error,warning', deb], { maxBuffer: 64 << 20 });
      expect(stdout.split('\n').filter((line) => /^[EW]: /.test(line))).toEqual([]);
    }
  }, 300_000);

  it('refuses to start until configured, naming what is missing, in production', async () => {
    const bare = join(root, 'usr', 'share', 'sportello', 'sportello.env.example');
    const failure = await run(join(root, 'opt', 'sportello', 'bin', 'sportello'), ['start'], {
      env: { PATH: process.env.PATH, SPORTELLO_ENV_FILE: bare },
      timeout: 60_000,
    }).catch((error: { code: number; stdout: string; stderr: string }) => error);
    expect(failure).toMatchObject({ code: expect.any(Number) });
    const said = `${(failure as { stdout: string }).stdout}${(failure as { stderr: string }).stderr}`;
    for (const missing of [
      'MicrosoftAppId',
      'PUBLIC_BASE_URL',
      'DOCUMENT_LINK_SECRET',
      'PROCEDURE_RESPONSIBLE_NAME',
    ])
      expect(said).toContain(missing);
    const usage = await run(join(root, 'opt', 'sportello', 'bin', 'sportello'), []).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(usage).toMatchObject({ code: 64, stderr: expect.stringContaining('Uso: sportello <comando>') });
  }, 90_000);

  it('starts from the extracted tree with its own command, gets ready, and backs up by the same command', async () => {
    const place = mkdtempSync(join(tmpdir(), 'sportello-deb-var-'));
    const settings = join(place, 'sportello.env');
    const example = readFileSync(join(root, 'usr', 'share', 'sportello', 'sportello.env.example'), 'utf8');
    writeFileSync(settings, `${example}\n${installationSettings(scratch.url, uniqueMailUser('deb'), place)}`);
    const command = join(root, 'opt', 'sportello', 'bin', 'sportello');
    const sportello = await startSportelloProcess({ SPORTELLO_ENV_FILE: settings }, 60_000, {
      file: command,
      args: ['start'],
      cwd: place,
    });
    stops.push(() => sportello.stop());
    expect(sportello.readyLine).toMatchObject({ mode: 'production', embedded: false });
    await expect
      .poll(async () => (await fetch(`${sportello.url}/health/ready`)).status, { timeout: 30_000 })
      .toBe(200);
    // Production: the console asks for a token.
    expect((await fetch(`${sportello.url}/console`)).status).toBe(401);

    const { stdout } = await run(command, ['backup', '--nightly'], {
      env: { PATH: process.env.PATH, SPORTELLO_ENV_FILE: settings },
      cwd: place,
    });
    expect(stdout).toContain('Backup scritto in');
    const [nightly] = readdirSync(place).filter((name) => name.endsWith('.dump'));
    expect(statSync(join(place, nightly!)).size).toBeGreaterThan(10_000);
    expect(existsSync(join(root, 'etc'))).toBe(false);
  }, 120_000);
});
