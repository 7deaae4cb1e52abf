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
  }, 30_000);
});
