import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });

async function lintDomainSnippet(code: string) {
  const [result] = await eslint.lintText(code, { filePath: 'domain/snippet.ts' });
  return (result?.messages ?? []).map((message) => message.ruleId);
}

describe('domain/ stays pure', () => {
  it.each([
    "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;",
    "import { readFileSync } from 'fs';\nexport const x = readFileSync;",
    "import { PrismaClient } from '@prisma/client';\nexport const x = PrismaClient;",
    "import { ImapFlow } from 'imapflow';\nexport const x = ImapFlow;",
    "import nodemailer from 'nodemailer';\nexport const x = nodemailer;",
    "import { CloudAdapter } from 'botbuilder';\nexport const x = CloudAdapter;",
    "import pino from 'pino';\nexport const x = pino;",
    "import { something } from '../mail/imap-watcher.js';\nexport const x = something;",
    "import { html } from '../console/html.js';\nexport const x = html;",
    "import { gecasHoursFile } from '../gecas/read-hours-file.js';\nexport const x = gecasHoursFile;",
    "import { ContractTemplates } from '../documents/contract-templates.js';\nexport const x = ContractTemplates;",
  ])('the lint rejects %s', async (code) => {
    expect(await lintDomainSnippet(code)).toContain('no-restricted-imports');
  });

  it('rejects reading the clock or the environment inside the domain', async () => {
    expect(await lintDomainSnippet('export const now = new Date();')).toContain('no-restricted-syntax');
    expect(await lintDomainSnippet('export const now = Date.now();')).toContain('no-restricted-syntax');
    expect(await lintDomainSnippet('export const env = process.env.X;')).toContain('no-restricted-globals');
  });

  it('allows pure libraries', async () => {
    expect(await lintDomainSnippet("import { z } from 'zod';\nexport const s = z.string();")).toEqual([]);
  });

  it('finds no violation in the real domain folder', async () => {
    const results = await eslint.lintFiles(['domain/**/*.ts']);
    const errors = results.flatMap((result) =>
      result.messages.map((m) => `${result.filePath}: ${m.ruleId} ${m.message}`),
    );
    expect(errors).toEqual([]);
  });
});
