import { readFileSync, statSync } from 'node:fs';
import { loadConfig } from '../config.js';
import { triageMessage } from './triage-message.js';

// npm run --silent triage -- <file.eml>: one message in, exactly one JSON object out (the stable
// contract of issue #4). Touches no database and no server.
const stdout = process.stdout.write.bind(process.stdout);
// Libraries that print warnings (pdf.js) must not corrupt the JSON on stdout.
for (const method of ['log', 'info', 'warn', 'debug'] as const) {
  console[method] = (...args: unknown[]) => process.stderr.write(`${args.map(String).join(' ')}\n`);
}

const file = process.argv[2];
if (!file) {
  process.stderr.write('Uso: npm run --silent triage -- <messaggio.eml>\n');
  process.exit(2);
}
try {
  const config = loadConfig();
  const json = await triageMessage(readFileSync(file), config, statSync(file).mtime);
  stdout(`${JSON.stringify(json, null, 2)}\n`);
} catch (error) {
  process.stderr.write(`Errore: ${String(error)}\n`);
  process.exit(1);
}
