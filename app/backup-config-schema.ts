import { z } from 'zod';

/** Where the nightly backup goes and how many days of them stay (issue 27). */
export const backupConfigFields = {
  BACKUP_DIR: z
    .string()
    .min(1)
    .default('backups')
    .describe(
      "the folder `npm run backup -- --nightly` (the Debian package's nightly timer) writes `sportello-<date>.dump` into; the package sets `/var/backups/sportello`",
    ),
  BACKUP_KEEP_DAYS: z.coerce
    .number()
    .int()
    .min(1)
    .default(14)
    .describe('nightly backups older than this many days are deleted after a new one is written'),
};
