// npm run acceptance -- <samples folder> — the user's acceptance set: `triage` of every
// `NN-name.eml` must give the keys its `NN-name.expected.json` lists (names and Comuni compared
// without case and accents, money to the cent). Not part of `npm test`, and it reads only the folder
// it is given: the set lives outside the repository; the test suite builds its own messages.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { differences } from '../support/json-subset.js';
import { triageRaw } from '../support/triage-file.js';

if (!process.argv[2]) {
  console.error('Uso: npm run acceptance -- <cartella dei campioni>, per esempio ../shared/samples');
  process.exit(2);
}
const folder = resolve(process.argv[2]);
if (!existsSync(folder)) {
  console.error(`Cartella dei campioni non trovata: ${folder}`);
  process.exit(2);
}

let failed = 0;
const samples = readdirSync(folder)
  .filter((name) => name.endsWith('.eml'))
  .sort();
for (const name of samples) {
  const { json } = await triageRaw(readFileSync(join(folder, name)));
  const expected = JSON.parse(readFileSync(join(folder, name.replace(/\.eml$/, '.expected.json')), 'utf8'));
  const found = differences(json, expected);
  failed += found.length > 0 ? 1 : 0;
  console.log(
    `${found.length === 0 ? 'ok  ' : 'NO  '} ${name}${found.map((line) => `\n       ${line}`).join('')}`,
  );
}
console.log(`${samples.length - failed}/${samples.length} campioni come attesi`);
process.exit(failed === 0 ? 0 : 1);
