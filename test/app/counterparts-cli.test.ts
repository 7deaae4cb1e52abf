import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncMunicipalities } from '../../prisma/seed/reference-data.js';
import { migratedDatabase, scratchPostgres } from '../support/test-databases.js';

const run = promisify(execFile);

// Staff keep the registry of counterparts with `npm run counterparts`, on the real database.
describe('npm run counterparts', () => {
  let db: Awaited<ReturnType<typeof migratedDatabase>>;
  beforeAll(async () => {
    db = await migratedDatabase(scratchPostgres);
    await syncMunicipalities(db.database);
  }, 60_000);
  afterAll(async () => {
    await db?.close();
  });

  const counterparts = async (...args: string[]) => {
    const env = { ...process.env, DATABASE_URL: db.database.url, LOG_LEVEL: 'silent' };
    try {
      const { stdout } = await run('npx', ['tsx', 'app/cli/counterparts.ts', ...args], { env });
      return { code: 0, out: stdout };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, out: `${failed.stdout}${failed.stderr}` };
    }
  };

  it('registers, lists and removes a Comune’s office, auditing each change', async () => {
    expect(
      await counterparts('aggiungi', 'Protocollo@Comune.Pandino.cr.it', '--comune', 'Pandino', '--ufficio'),
    ).toMatchObject({
      code: 0,
      out: expect.stringContaining('Registrato: protocollo@comune.pandino.cr.it.'),
    });
    expect(
      await counterparts('aggiungi', 'pec.comune.pandino.cr.it', '--comune', 'Pandino', '--pec'),
    ).toMatchObject({ code: 0 });
    const listed = await counterparts('elenco');
    expect(listed.out).toContain('Comune di Pandino\tprotocollo@comune.pandino.cr.it\t(ufficio)');
    expect(listed.out).toContain('Comune di Pandino\tpec.comune.pandino.cr.it\t(PEC)');
    expect(
      await counterparts('aggiungi', 'protocollo@comune.pandino.cr.it', '--comune', 'Pandino'),
    ).toMatchObject({
      code: 1,
      out: expect.stringContaining('è già registrato'),
    });
    expect(await counterparts('rimuovi', 'pec.comune.pandino.cr.it')).toMatchObject({ code: 0 });
    expect((await counterparts('elenco')).out).not.toContain('pec.comune.pandino.cr.it');
    const audit = await db.database.prisma.auditLog.findMany({
      where: { entityType: 'counterpart_address' },
      orderBy: { id: 'asc' },
    });
    expect(audit.map((row) => row.action)).toEqual([
      'counterpart_added',
      'counterpart_added',
      'counterpart_removed',
    ]);
    expect(audit[0]!.actor).toMatch(/^cli:/);
  }, 60_000);

  it('refuses in Italian what cannot be registered', async () => {
    for (const [args, message] of [
      [['aggiungi', 'non un indirizzo', '--comune', 'Crema'], 'non è un indirizzo e-mail né un dominio'],
      [['aggiungi', 'comune.crema.cr.it', '--comune', 'Crema', '--ufficio'], 'non un dominio'],
      [
        ['aggiungi', 'ufficio@comune.atlantide.it', '--comune', 'Atlantide'],
        "non è uno dei 48 Comuni dell'Ambito",
      ],
      [
        ['aggiungi', 'contratti@sconosciuto.example', '--ente', 'Ente Sconosciuto'],
        'Nessun ente accreditato',
      ],
      [['aggiungi', 'x@comune.crema.cr.it'], 'Indicare il Comune'],
    ] as const) {
      const result = await counterparts(...args);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.out, args.join(' ')).toContain(message);
    }
  }, 60_000);
});
