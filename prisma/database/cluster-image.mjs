// A new embedded database starts from the cluster that PGlite's initdb makes, kept here as an
// image: initdb takes 3.5–4.5 s of CPU-bound WASM on a two-core machine, longer than the whole
// start-up budget, and its output is the same for every installation of one PGlite version (like
// PostgreSQL's own template1, which CREATE DATABASE copies instead of bootstrapping again). The
// image is made by `npm run db:cluster-image` with the same initdb options as the fallback path;
// a test checks it against a cluster fresh from initdb. Plain JavaScript: the worker thread that
// uses it runs without the TypeScript loader.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import { Blob } from 'node:buffer';

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
 * The image as PGlite's `loadDataDir` takes it, or why it cannot be used (then initdb runs).
 * @param {{ image: string; manifest: string }} files
 * @returns {{ tar: Blob } | { unusable: string }}
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
  return { tar: new Blob([brotliDecompressSync(compressed)]) };
}

/**
 * Writes the image of a cluster fresh from initdb and its manifest.
 * @param {Uint8Array} tar the uncompressed dump of the data directory
 * @param {string} postgresVersion the cluster's PG_VERSION
 */
export function writeClusterImage(tar, postgresVersion) {
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
    sha256: createHash('sha256').update(compressed).digest('hex'),
    bytes: compressed.length,
  };
  writeFileSync(clusterImageFiles.manifest, `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
