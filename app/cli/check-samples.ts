import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig } from '../config.js';
import { differences } from './json-subset.js';
import { triageMessage } from './triage-message.js';

// npm run acceptance -- <samples folder> — an acceptance set (`NN-name.eml` beside the
// `NN-name.expected.json` listing the keys its triage must give; names and Comuni compared without
// case and accents, money to the cent). A command, not a test: it reads only the folder it is given.
if (!process.argv[2]) {
  console.error('Uso: npm run acceptance -- <cartella dei campioni (.eml con il loro .expected.json)>');
  process.exit(2);
}
const folder = resolve(process.argv[2]);
if (!existsSync(folder)) {
  console.error(`Cartella dei campioni non trovata: ${folder}`);
  process.exit(2);
}

const config = loadConfig();
let failed = 0;
const samples = readdirSync(folder)
  .filter((name) => name.endsWith('.eml'))
  .sort();
for (const name of samples) {
  const file = join(folder, name);
  const json = await triageMessage(readFileSync(file), config, statSync(file).mtime);
  const expected = JSON.parse(readFileSync(file.replace(/\.eml$/, '.expected.json'), 'utf8'));
  const found = differences(json, expected);
  failed += found.length > 0 ? 1 : 0;
  console.log(
    `${found.length === 0 ? 'ok  ' : 'NO  '} ${name}${found.map((line) => `\n       ${line}`).join('')}`,
  );
}
console.log(`${samples.length - failed}/${samples.length} campioni come attesi`);
process.exit(failed === 0 ? 0 : 1);
