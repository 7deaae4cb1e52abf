import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });

async function lintAt(filePath: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => message.ruleId);
}

const restricted = '@typescript-eslint/no-restricted-imports';

// The floors of ARCHITECTURE.md, enforced by the lint: these snippets must be refused.
describe('the floors only point down', () => {
  it.each([
    ['mail/imap/snippet.ts', "import { x } from '../../bot/teams/sportello-bot.js';"],
    ['mail/imap/snippet.ts', "import { x } from '../../prisma/repositories/prisma-intake-store.js';"],
    ['bot/teams/snippet.ts', "import { x } from '../../mail/smtp/email-sender.js';"],
    ['bot/teams/snippet.ts', "import { x } from '../../app/config.js';"],
    ['prisma/repositories/snippet.ts', "import { x } from '../../bot/cards/approval-card.js';"],
    ['prisma/repositories/snippet.ts', "import { x } from '../../app/sportello.js';"],
    ['documents/snippet.ts', "import { x } from '../gecas/read-hours-file.js';"],
    ['gecas/snippet.ts', "import { x } from '../mail/parsing/parse-message.js';"],
    ['console/snippet.ts', "import { x } from '../bot/teams/sportello-bot.js';"],
    ['console/snippet.ts', "import { x } from '../prisma/repositories/prisma-intake-store.js';"],
    ['services/intake/snippet.ts', "import { x } from '../../mail/parsing/read-message.js';"],
    ['services/contracts/snippet.ts', "import { x } from '../../prisma/database/database.js';"],
    ['services/outbox/snippet.ts', "import { x } from '../../app/config.js';"],
  ])('%s may not say %s', async (file, line) => {
    expect(await lintAt(file, `${line}\nexport const y = x;`)).toContain(restricted);
  });

  it('lets prisma/ implement the interfaces of services/, never run a use case', async () => {
    const type =
      "import type { IntakeStore } from '../../services/intake/intake-store.js';\nexport type S = IntakeStore;";
    const value =
      "import { MailIntake } from '../../services/intake/mail-intake.js';\nexport const s = MailIntake;";
    const outbox =
      "import { recipientKey } from '../../services/outbox/outbox-message.js';\nexport const k = recipientKey;";
    expect(await lintAt('prisma/repositories/snippet.ts', type)).toEqual([]);
    expect(await lintAt('prisma/repositories/snippet.ts', value)).toContain(restricted);
    expect(await lintAt('prisma/repositories/snippet.ts', outbox)).toEqual([]);
  });

  it('lets adapters use services/ and domain/, and app/ wire everything', async () => {
    const service =
      "import { MailIntake } from '../../services/intake/mail-intake.js';\nexport const s = MailIntake;";
    expect(await lintAt('mail/imap/snippet.ts', service)).toEqual([]);
    const decision =
      "import { decideContract } from '../../services/contracts/contract-decisions.js';\nexport const d = decideContract;";
    expect(await lintAt('bot/teams/snippet.ts', decision)).toEqual([]);
    const wiring =
      "import { PrismaIntakeStore } from '../prisma/repositories/prisma-intake-store.js';\nexport const s = PrismaIntakeStore;";
    expect(await lintAt('app/snippet.ts', wiring)).toEqual([]);
  });

  it('finds no violation in the real folders', async () => {
    const results = await eslint.lintFiles([
      'services/**/*.ts',
      'mail/**/*.ts',
      'bot/**/*.ts',
      'prisma/**/*.ts',
      'documents/**/*.ts',
      'gecas/**/*.ts',
      'console/**/*.ts',
    ]);
    const errors = results.flatMap((result) =>
      result.messages.filter((m) => m.ruleId === restricted).map((m) => `${result.filePath}: ${m.message}`),
    );
    expect(errors).toEqual([]);
  }, 60_000);
});
