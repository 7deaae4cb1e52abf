import { writeFile } from 'node:fs/promises';
import { configurationReference } from '../config-reference.js';
import { runCli } from './run-cli.js';

// npm run docs:config — writes docs/configuration.md from the configuration's schema.
await runCli(async () => {
  await writeFile(new URL('../../docs/configuration.md', import.meta.url), configurationReference());
  process.stdout.write('Scritto docs/configuration.md.\n');
});
