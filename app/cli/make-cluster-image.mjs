// npm run db:cluster-image — remakes prisma/database/pglite-cluster.tar.br, the cluster a new
// embedded database starts from, with the installed PGlite's initdb; needed after upgrading
// PGlite (until then Sportello notices the mismatch and runs initdb at each first start).
import { PGlite } from '@electric-sql/pglite';
import { initdbArgs, writeClusterImage } from '../../prisma/database/cluster-image.mjs';

const db = await PGlite.create({ initDbStartParams: initdbArgs });
try {
  const { rows } = await db.query(
    `SELECT (current_setting('server_version_num')::int / 10000)::text AS major`,
  );
  const postgresVersion = rows[0].major;
  const dump = await db.dumpDataDir('none');
  const manifest = writeClusterImage(new Uint8Array(await dump.arrayBuffer()), postgresVersion);
  console.log(
    `Immagine del cluster scritta: PGlite ${manifest.pglite}, PostgreSQL ${manifest.postgres}, ${manifest.bytes} byte.`,
  );
} finally {
  await db.close();
}
