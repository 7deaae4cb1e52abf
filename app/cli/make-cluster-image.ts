// npm run db:cluster-image — remakes prisma/database/pglite-cluster.tar.br, the cluster a new
// embedded database starts from: the installed PGlite's initdb, then every migration, as a start
// would apply them. Needed after upgrading PGlite (until then Sportello notices the mismatch and
// runs initdb at each first start) and after adding a migration (until then a first start applies
// it; a test says so).
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { initdbArgs, writeClusterImage } from '../../prisma/database/cluster-image.mjs';
import { applyMigrations } from '../../prisma/migrate/apply-migrations.js';

const db = await PGlite.create({ initDbStartParams: [...initdbArgs] });
try {
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 8 });
  await server.start();
  const migrations = await applyMigrations(`postgresql://postgres@${server.getServerConn()}/postgres`);
  await server.stop();
  const { rows } = await db.query<{ major: string }>(
    `SELECT (current_setting('server_version_num')::int / 10000)::text AS major`,
  );
  const dump = await db.dumpDataDir('none');
  const manifest = writeClusterImage(new Uint8Array(await dump.arrayBuffer()), rows[0]!.major, migrations);
  console.log(
    `Immagine del cluster scritta: PGlite ${manifest.pglite}, PostgreSQL ${manifest.postgres}, ${migrations.length} migrazioni, ${manifest.bytes} byte.`,
  );
} finally {
  await db.close();
}
