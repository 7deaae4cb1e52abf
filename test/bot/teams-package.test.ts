import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import PizZip from 'pizzip';
import { describe, expect, it } from 'vitest';
import { pngSize } from '../../app/cli/package-teams.js';
import { projectRoot } from '../support/start-process.js';

describe('npm run package:teams', () => {
  it('builds a sideloadable zip: recent manifest, Italian texts, three scopes, both icons', async () => {
    const output = join(mkdtempSync(join(tmpdir(), 'teams-package-')), 'sportello.zip');
    await promisify(execFile)('npm', ['run', '--silent', 'package:teams', '--', output], {
      cwd: projectRoot,
      env: { ...process.env, MicrosoftAppId: '11111111-2222-3333-4444-555555555555' },
    });
    const zip = new PizZip(readFileSync(output));
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(zip.file('manifest.json')!.asText());
    expect(manifest.manifestVersion).toBe('1.19');
    expect(manifest.bots[0]).toMatchObject({
      botId: '11111111-2222-3333-4444-555555555555',
      scopes: ['personal', 'team', 'groupChat'],
    });
    expect(manifest.name.short).toBe('Sportello');
    expect(manifest.description.full).toContain("assistente dell'Ufficio Amministrazione");
    expect(pngSize(Buffer.from(zip.file('color.png')!.asUint8Array()))).toEqual({ width: 192, height: 192 });
    expect(pngSize(Buffer.from(zip.file('outline.png')!.asUint8Array()))).toEqual({ width: 32, height: 32 });
    expect(manifest.staticTabs).toBeUndefined(); // no public address nor SSO application: no tab
  }, 30_000);

  it('adds the console as a personal tab with its SSO application when both are configured', async () => {
    const output = join(mkdtempSync(join(tmpdir(), 'teams-package-')), 'sportello.zip');
    await promisify(execFile)('npm', ['run', '--silent', 'package:teams', '--', output], {
      cwd: projectRoot,
      env: {
        ...process.env,
        MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
        PUBLIC_BASE_URL: 'https://sportello.example.test',
        CONSOLE_SSO_CLIENT_ID: '22222222-3333-4444-5555-666666666666',
        CONSOLE_SSO_APPLICATION_ID_URI: 'api://sportello.example.test/22222222-3333-4444-5555-666666666666',
      },
    });
    const manifest = JSON.parse(new PizZip(readFileSync(output)).file('manifest.json')!.asText());
    expect(manifest.staticTabs).toEqual([
      {
        entityId: 'pratiche',
        name: 'Pratiche',
        contentUrl: 'https://sportello.example.test/console/tab',
        websiteUrl: 'https://sportello.example.test/console/pratiche',
        scopes: ['personal'],
      },
    ]);
    expect(manifest.webApplicationInfo).toEqual({
      id: '22222222-3333-4444-5555-666666666666',
      resource: 'api://sportello.example.test/22222222-3333-4444-5555-666666666666',
    });
    expect(manifest.validDomains).toEqual(['sportello.example.test']);
  }, 30_000);
});
