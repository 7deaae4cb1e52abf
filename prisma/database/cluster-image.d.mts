/** initdb's options beyond PGlite's own (see cluster-image.mjs). */
export const initdbArgs: readonly string[];
/** The version of the PGlite package installed beside Sportello. */
export function installedPgliteVersion(): string;
/** Where the image and its manifest are kept. */
export const clusterImageFiles: { readonly image: string; readonly manifest: string };
/** The image (a tar of the data directory), or why it cannot be used. */
export function readClusterImage(files?: {
  image: string;
  manifest: string;
}): { tar: Uint8Array } | { unusable: string };
/** Writes the image's files into an empty data directory (what PGlite's `loadDataDir` does, faster). */
export function extractClusterImage(tar: Uint8Array, dataDir: string): void;
/** Writes the image of a cluster (initdb, then the migrations) and its manifest. */
export function writeClusterImage(
  tar: Uint8Array,
  postgresVersion: string,
  migrations: readonly string[],
): {
  pglite: string;
  postgres: string;
  initdbArgs: string[];
  migrations: string[];
  tarBytes: number;
  sha256: string;
  bytes: number;
};
