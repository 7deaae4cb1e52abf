/** initdb's options beyond PGlite's own (see cluster-image.mjs). */
export const initdbArgs: readonly string[];
/** The version of the PGlite package installed beside Sportello. */
export function installedPgliteVersion(): string;
/** Where the image and its manifest are kept. */
export const clusterImageFiles: { readonly image: string; readonly manifest: string };
/** The image as PGlite's `loadDataDir` takes it, or why it cannot be used. */
export function readClusterImage(files?: {
  image: string;
  manifest: string;
}): { tar: Blob } | { unusable: string };
/** Writes the image of a cluster fresh from initdb and its manifest. */
export function writeClusterImage(
  tar: Uint8Array,
  postgresVersion: string,
): { pglite: string; postgres: string; initdbArgs: string[]; sha256: string; bytes: number };
