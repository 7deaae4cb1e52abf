// npm run build (and before every npm start): compiles Sportello's server, its reader threads and
// its operational commands into build/ with esbuild, so that they run on plain Node.js. Through a TypeScript loader every start costs
// about 0.75 s more on a two-core machine (a loader thread resolving and converting each of ~200
// modules), and on a fresh database that thread competes with the embedded PostgreSQL's thread.
// Type checking stays with `npm run typecheck`; the tests and the developer commands run the sources.
// build/ holds everything the server reads beside its code (templates, migrations, the embedded
// database's worker and image), so it can be moved with node_modules and runs from anywhere.
// Plain JavaScript on purpose: it runs before anything is built.
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const outDir = join(root, 'build');
// Each becomes build/<name>.js: the server, its threads, and the commands the office runs.
const entries = {
  start: 'app/start.ts',
  'message-reader-worker': 'mail/parsing/message-reader-worker.ts',
  'contract-render-worker': 'documents/contract-render-worker.ts',
  'migrate-database': 'app/cli/migrate-database.ts',
  'import-hours': 'app/cli/import-hours.ts',
  triage: 'app/cli/triage.ts',
  'list-jobs': 'app/cli/list-jobs.ts',
  'request-history': 'app/cli/request-history.ts',
  'daily-register': 'app/cli/daily-register.ts',
  segnatura: 'app/cli/segnatura.ts',
  'read-log': 'app/cli/read-log.ts',
  'export-beneficiary': 'app/cli/export-beneficiary.ts',
  backup: 'app/cli/backup.ts',
  restore: 'app/cli/restore.ts',
  'drop-mail': 'app/cli/drop-mail.ts',
  'read-mail': 'app/cli/read-mail.ts',
  counterparts: 'app/cli/counterparts.ts',
};
// Files read at run time next to their module, copied to the same place under build/.
const assets = [
  'documents/templates',
  'prisma/schema.prisma',
  'prisma/migrations',
  'prisma/database/embedded-postgres-worker.mjs',
  'prisma/database/cluster-image.mjs',
  'prisma/database/extended-query-affinity.mjs',
  'prisma/database/pglite-cluster.tar.br',
  'prisma/database/pglite-cluster.json',
  'console/tab-page.js',
  'mail/parsing/program-runner-process.mjs',
];
const sourceDirs = ['app', 'bot', 'console', 'domain', 'documents', 'gecas', 'mail', 'prisma', 'services'];

function filesUnder(path, keep) {
  if (!statSync(join(root, path)).isDirectory()) return [path];
  return readdirSync(join(root, path), { withFileTypes: true }).flatMap((item) => {
    const child = join(path, item.name);
    if (item.isDirectory()) return filesUnder(child, keep);
    return keep(item.name) ? [child] : [];
  });
}

// Rebuilt when a source, an asset, this script or the installed packages change.
const fingerprint = createHash('sha256');
for (const file of [
  ...sourceDirs.flatMap((dir) => filesUnder(dir, (name) => name.endsWith('.ts'))).sort(),
  ...assets.flatMap((asset) => filesUnder(asset, () => true)).sort(),
  'app/cli/build.mjs',
  'package-lock.json',
]) {
  const { mtimeMs, size } = statSync(join(root, file));
  fingerprint.update(`${file}\0${mtimeMs}\0${size}\n`);
}
const digest = fingerprint.digest('hex');
const stampFile = join(outDir, '.fingerprint');
if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === digest) process.exit(0);

// The libraries are bundled too, but for those that load files of their own beside their code
// (WebAssembly, native addons, worker threads, optional natives) and the mail side's, which load
// after `ready` and also run on the reader threads: bundling the Teams stack, express and the
// document libraries saves ~0.4 s at every start (1,300 files resolved, read and linked one by
// one, CommonJS export scanning included).
const externalPackages = new Set([
  '@electric-sql/pglite',
  '@electric-sql/pglite-socket',
  '@prisma/adapter-pg',
  '@prisma/client',
  '@prisma/driver-adapter-utils',
  '@prisma/schema-engine-wasm',
  'prisma',
  '@resvg/resvg-js',
  'pino',
  'pg',
  'pg-boss',
  'esbuild',
  'tsx',
  'imapflow',
  'mailparser',
  'nodemailer',
  'unpdf',
  'mammoth',
  'iconv-lite',
  'exceljs',
  'csv-parse',
]);
const packageOf = (specifier) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');
const bundleLibraries = {
  name: 'bundle-libraries',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, ({ path }) =>
      path.startsWith('node:') || externalPackages.has(packageOf(path))
        ? { path, external: true }
        : undefined,
    );
  },
};
// Bundled CommonJS code calls require(): one bound to the bundle's place finds node_modules above.
const requireBanner =
  "import { createRequire as sportelloCreateRequire } from 'node:module'; const require = sportelloCreateRequire(import.meta.url);";

// Modules find their files next to their source (the embedded database's worker, the migrations,
// the Word templates): each keeps its own place, relative to the bundle, so that build/ (where those
// files are copied) can move. Every output file sits at the top of build/, so one prefix fits all.
const ownMetaUrl = {
  name: 'own-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async ({ path }) => ({
      contents: (await readFile(path, 'utf8')).replaceAll(
        'import.meta.url',
        `new URL(${JSON.stringify(`./${relative(root, path).split('\\').join('/')}`)}, import.meta.url).href`,
      ),
      loader: 'ts',
    }));
  },
};

const started = performance.now();
const { build } = await import('esbuild'); // only when there is something to build
// Built aside and swapped in, so that a Sportello starting meanwhile never sees half a tree.
const nextDir = `${outDir}.next-${process.pid}`;
rmSync(nextDir, { recursive: true, force: true });
await build({
  entryPoints: Object.fromEntries(Object.entries(entries).map(([name, path]) => [name, join(root, path)])),
  bundle: true,
  splitting: true, // start.ts loads the database layer, then the rest, then the mail side
  // The threads start build/message-reader-worker.js and build/contract-render-worker.js, not the sources.
  define: { SPORTELLO_COMPILED: 'true' },
  banner: { js: requireBanner },
  outdir: nextDir,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  plugins: [bundleLibraries, ownMetaUrl],
  logLevel: 'warning',
});
for (const asset of assets) cpSync(join(root, asset), join(nextDir, asset), { recursive: true });
writeFileSync(join(nextDir, '.fingerprint'), digest);
rmSync(outDir, { recursive: true, force: true });
renameSync(nextDir, outDir);
console.error(`Sportello compilato in build/ (${Math.round(performance.now() - started)} ms).`);
