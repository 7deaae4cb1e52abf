import { afterAll, beforeAll } from 'vitest';
import { officeDatabase, type migratedDatabase, type ScratchDatabase } from './test-databases.js';

/**
 * The office database of one `describe` block (a `describe.each(databaseKinds)` one, say): opened
 * before its tests, closed after them. Its `database` is there once the block's tests run.
 */
export function officeDatabaseOfBlock(create: () => Promise<ScratchDatabase>) {
  let opened: Awaited<ReturnType<typeof migratedDatabase>> | null = null;
  beforeAll(async () => {
    opened = await officeDatabase(create);
  }, 60_000);
  afterAll(async () => {
    await opened?.close();
  });
  return {
    get database() {
      if (!opened) throw new Error('the office database opens before the tests of its block');
      return opened.database;
    },
  };
}
