import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import PizZip from 'pizzip';
import { loadConfig } from '../config.js';
import { runCli } from './run-cli.js';

const manifestDir = new URL('../../bot/manifest/', import.meta.url).pathname;
const placeholderId = '00000000-0000-4000-8000-000000000001';

/** Width and height of a PNG, from its IHDR chunk. */
export function pngSize(bytes: Buffer): { width: number; height: number } {
  if (bytes.subarray(1, 4).toString('latin1') !== 'PNG') throw new Error('not a PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The console as a personal tab, when Sportello has a public address and an Entra ID application for SSO. */
export interface ConsoleTab {
  readonly publicBaseUrl: string;
  readonly clientId: string;
  readonly applicationIdUri: string;
}

/**
 * Builds the sideloadable Teams app: manifest.json with the bot's ids, colour and outline icons,
 * and the console as a personal tab (with its SSO application) when `tab` is given.
 */
export function buildTeamsPackage(options: {
  appId: string;
  botId: string;
  output: string;
  tab?: ConsoleTab | null;
}): string {
  const template = readFileSync(join(manifestDir, 'manifest.template.json'), 'utf8')
    .replaceAll('{{TEAMS_APP_ID}}', options.appId)
    .replaceAll('{{BOT_ID}}', options.botId);
  const parsed = JSON.parse(template) as Record<string, unknown>; // a broken template must not become a package
  if (options.tab) {
    const base = options.tab.publicBaseUrl.replace(/\/+$/, '');
    parsed['staticTabs'] = [
      {
        entityId: 'pratiche',
        name: 'Pratiche',
        contentUrl: `${base}/console/tab`,
        websiteUrl: `${base}/console/pratiche`,
        scopes: ['personal'],
      },
    ];
    parsed['webApplicationInfo'] = { id: options.tab.clientId, resource: options.tab.applicationIdUri };
    parsed['validDomains'] = [new URL(base).host];
  }
  const manifest = JSON.stringify(parsed, null, 2);
  const color = readFileSync(join(manifestDir, 'color.png'));
  const outline = readFileSync(join(manifestDir, 'outline.png'));
  const sizes = [pngSize(color), pngSize(outline)];
  if (sizes[0]!.width !== 192 || sizes[0]!.height !== 192) throw new Error('color.png must be 192×192');
  if (sizes[1]!.width !== 32 || sizes[1]!.height !== 32) throw new Error('outline.png must be 32×32');
  const zip = new PizZip();
  zip.file('manifest.json', manifest);
  zip.file('color.png', color);
  zip.file('outline.png', outline);
  mkdirSync(dirname(options.output), { recursive: true });
  writeFileSync(options.output, zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return options.output;
}

// npm run package:teams [-- <output.zip>]: the app package to sideload in Teams (bot id = MicrosoftAppId).
if (import.meta.url === `file://${process.argv[1]}`) {
  await runCli(async () => {
    const config = loadConfig();
    const botId = config.bot.appId ?? placeholderId;
    const sso = config.consoleSso;
    const applicationIdUri = sso?.audiences.find((audience) => audience.startsWith('api://'));
    const output = buildTeamsPackage({
      appId: botId,
      botId,
      output: process.argv[2] ?? 'dist/sportello-teams.zip',
      tab:
        config.publicBaseUrl && sso && applicationIdUri
          ? { publicBaseUrl: config.publicBaseUrl, clientId: sso.audiences[0]!, applicationIdUri }
          : null,
    });
    console.log(
      `Pacchetto Teams creato: ${output}${config.bot.appId ? '' : ' (MicrosoftAppId non impostato: id di prova)'}`,
    );
  });
}
