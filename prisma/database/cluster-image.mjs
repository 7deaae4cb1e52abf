// A new embedded database starts from a cluster kept here as an image: PGlite's initdb, then
// every migration. initdb takes 3.5–4.5 s of CPU-bound WASM on a two-core machine and the
// migrations another 2 s (Prisma's schema engine loaded, then the DDL), longer than the whole
// start-up budget, and their output is the same for every installation of one PGlite version and
// one set of migrations (like PostgreSQL's own template1, which CREATE DATABASE copies instead of
// bootstrapping again). `_prisma_migrations` comes with it, so a start applies only the migrations
// added since the image was made. The image is made by `npm run db:cluster-image` with the same
// initdb options as the fallback path; a test checks it against initdb plus the migrations. Plain
// JavaScript: the worker thread that uses it runs without the TypeScript loader.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Buffer } from 'node:buffer';
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';

/** initdb's options beyond PGlite's own: its closing fsync pass is wasted on PGlite's in-memory build directory. */
export const initdbArgs = ['--no-sync'];

/** Where the image and its manifest are kept. */
export const clusterImageFiles = {
  image: fileURLToPath(new URL('./pglite-cluster.tar.br', import.meta.url)),
  manifest: fileURLToPath(new URL('./pglite-cluster.json', import.meta.url)),
};

/** The version of the PGlite package installed beside Sportello. */
export function installedPgliteVersion() {
  const entry = fileURLToPath(import.meta.resolve('@electric-sql/pglite'));
  const packageJson = join(dirname(entry), '..', 'package.json');
  return JSON.parse(readFileSync(packageJson, 'utf8')).version;
}

/**
 * The image (a tar of the data directory, as PGlite's `dumpDataDir` writes it), or why it cannot be
 * used (then initdb runs).
 * @param {{ image: string; manifest: string }} files
 * @returns {{ tar: Uint8Array } | { unusable: string }}
 */
export function readClusterImage(files = clusterImageFiles) {
  let manifest;
  let compressed;
  try {
    manifest = JSON.parse(readFileSync(files.manifest, 'utf8'));
    compressed = readFileSync(files.image);
  } catch (error) {
    return {
      unusable: `cluster image unreadable: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  const installed = installedPgliteVersion();
  if (manifest.pglite !== installed) {
    return { unusable: `cluster image made with PGlite ${manifest.pglite}, installed ${installed}` };
  }
  if (JSON.stringify(manifest.initdbArgs) !== JSON.stringify(initdbArgs)) {
    return { unusable: 'cluster image made with other initdb options' };
  }
  const sha256 = createHash('sha256').update(compressed).digest('hex');
  if (sha256 !== manifest.sha256) return { unusable: `cluster image damaged (sha256 ${sha256})` };
  // One output buffer of the tar's size: brotli's default 16 KB chunks, joined at the end, cost a
  // third of the decompression again.
  const chunkSize = Number.isInteger(manifest.tarBytes) ? manifest.tarBytes + 1024 : undefined;
  return { tar: brotliDecompressSync(compressed, chunkSize ? { chunkSize } : {}) };
}

/**
 * Writes the image's files into an empty data directory, as PGlite's `loadDataDir` would through
 * its WebAssembly file system, but with Node's: ~1 s less on a small machine (no copies into a
 * Blob and out of it, no file written through the emulation), and private modes (0700 / 0600).
 * Holds directories and regular files only, like PGlite's dump; anything else is refused.
 * @param {Uint8Array} tar
 * @param {string} dataDir
 */
export function extractClusterImage(tar, dataDir) {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const made = new Set([dataDir]);
  const makeDirectory = (path) => {
    if (!made.has(path)) mkdirSync(path, { recursive: true, mode: 0o700 });
    made.add(path);
  };
  const text = (offset, length) => {
    const bytes = tar.subarray(offset, offset + length);
    const end = bytes.indexOf(0);
    return Buffer.from(end === -1 ? bytes : bytes.subarray(0, end)).toString('utf8');
  };
  for (let offset = 0; offset + 512 <= tar.length;) {
    const name = text(offset, 100);
    if (name === '') break; // the closing zero blocks
    const size = parseInt(text(offset + 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(tar[offset + 156]);
    const parts = name.split('/').filter((part) => part !== '' && part !== '.');
    if (parts.includes('..')) throw new Error(`cluster image: ${name} is outside the data directory`);
    const path = join(dataDir, ...parts);
    if (type === '5') {
      makeDirectory(path);
    } else if (type === '0' || type === '\0') {
      makeDirectory(dirname(path));
      writeFileSync(path, tar.subarray(offset + 512, offset + 512 + size), { mode: 0o600 });
    } else {
      throw new Error(`cluster image: ${name} is neither a file nor a directory (type ${type})`);
    }
    offset += 512 + Math.ceil(size / 512) * 512;
  }
}

/**
 * Writes the image of a cluster (initdb, then the migrations) and its manifest.
 * @param {Uint8Array} tar the uncompressed dump of the data directory
 * @param {string} postgresVersion the cluster's PG_VERSION
 * @param {string[]} migrations the migrations applied to it, in order
 */
export function writeClusterImage(tar, postgresVersion, migrations) {
  const compressed = brotliCompressSync(tar, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_LGWIN]: 24,
      [constants.BROTLI_PARAM_SIZE_HINT]: tar.length,
    },
  });
  writeFileSync(clusterImageFiles.image, compressed);
  const manifest = {
    pglite: installedPgliteVersion(),
    postgres: postgresVersion,
    initdbArgs,
    migrations,
    tarBytes: tar.length,
    sha256: createHash('sha256').update(compressed).digest('hex'),
    bytes: compressed.length,
  };
  writeFileSync(clusterImageFiles.manifest, `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
