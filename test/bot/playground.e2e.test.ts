import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendMessages, ensureDovecot, uniqueMailUser } from '../support/dovecot.js';
import { sadRequest } from '../support/generated-mail.js';
import { startInProcess } from '../support/in-process-sportello.js';
import { AgentsPlayground } from '../support/playground/agents-playground.js';
import { artifactsDir, launchChromium } from '../support/playground/browser.js';
import { SmtpCapture } from '../support/smtp-capture.js';
import { scratchPglite, type ScratchDatabase } from '../support/test-databases.js';
import type { Browser } from 'playwright-core';

const playgroundPort = 56150 + (process.pid % 500);
const users = {
  socialWorker: {
    id: 'user-as-crema',
    name: 'Anna Bianchi',
    aadObjectId: 'demo-as-crema',
    email: 'anna.bianchi@demo.comune.crema.cr.it',
  },
  staff: {
    id: 'user-staff',
    name: 'Ufficio Amministrazione',
    aadObjectId: 'demo-staff-amministrazione',
    email: 'amministrazione@demo.comunitasocialecremasca.it',
  },
  provider: {
    id: 'user-girasole',
    name: 'Coordinamento Il Girasole',
    aadObjectId: 'demo-ente-girasole',
    email: 'coordinamento@ilgirasole.example',
  },
};

describe('Sportello in a real Teams client emulator (Agents Playground in headless Chromium)', () => {
  const capture = new SmtpCapture();
  const mailbox = uniqueMailUser('playground');
  let scratch: ScratchDatabase;
  let sportello: Awaited<ReturnType<typeof startInProcess>>;
  let browser: Browser;

  beforeAll(async () => {
    ensureDovecot();
    await capture.start();
    scratch = await scratchPglite();
    sportello = await startInProcess({
      DATABASE_URL: scratch.url,
      DATABASE_MIGRATE_ON_START: 'true',
      DEMO_DATA: 'true',
      IMAP_USER: mailbox,
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(capture.port),
    });
    browser = await launchChromium();
  }, 60_000);
  // Closing Chromium and a Sportello that may be converting a contract to PDF takes more than the
  // default 10 s on a loaded machine.
  afterAll(async () => {
    await browser?.close();
    await sportello?.stop();
    await capture.stop();
    await scratch?.drop();
  }, 60_000);

  async function openAs(
    user: (typeof users)[keyof typeof users],
  ): Promise<{ page: Page; playground: AgentsPlayground }> {
    const playground = new AgentsPlayground(playgroundPort, `${sportello.url}/api/messages`, user);
    await playground.start();
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(playground.url);
    await page.getByText('sono Sportello').first().waitFor({ timeout: 20_000 });
    return { page, playground };
  }

  // The compose box is a Lexical editor (contenteditable): type into it as a person would.
  async function say(page: Page, text: string): Promise<void> {
    const input = page.locator('[data-lexical-editor="true"][role="textbox"]').first();
    await input.click();
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
  }

  it('answers a social worker the remaining budget of one of her beneficiaries', async () => {
    const { page, playground } = await openAs(users.socialWorker);
    try {
      await say(page, 'quanto budget resta per Bianchi Maria');
      const answer = page.getByText(/Residuo: [\d.]+,\d{2}/).first();
      await answer.waitFor({ timeout: 15_000 });
      await expect
        .poll(async () => (await page.getByText('Budget impegnato: 4.242,00').count()) > 0)
        .toBe(true);
      await page.screenshot({
        path: join(artifactsDir, 'playground-social-worker-budget.png'),
        fullPage: true,
      });
    } finally {
      await page.close();
      await playground.stop();
    }
  }, 90_000);

  it('shows staff the contract waiting on the demo data, with its draft; Approva sends it to the provider', async () => {
    const { page, playground } = await openAs(users.staff);
    try {
      await page
        .getByText(/Contratti in attesa di approvazione: 1/)
        .first()
        .waitFor({ timeout: 30_000 });
      const approve = page.getByRole('button', { name: 'Approva' }).first();
      await approve.waitFor({ timeout: 30_000 });
      expect(await page.getByText('Marino Paolo').count()).toBeGreaterThan(0);
      await page.screenshot({ path: join(artifactsDir, 'playground-staff-card.png'), fullPage: true });
      // The draft behind the card's link is the filled Word contract.
      const contract = await sportello.database.prisma.contract.findFirstOrThrow({
        where: { request: { fields: { path: ['beneficiary', 'taxCode'], equals: 'MRNPLA40A01D142S' } } },
      });
      const link = sportello.contracts.links.urlFor(contract.id, 'docx');
      const download = await fetch(link);
      expect(download.status).toBe(200);
      expect((await download.arrayBuffer()).byteLength).toBeGreaterThan(2000);
      expect((await fetch(link.replace(/firma=[^&]+/, 'firma=falsa'))).status).toBe(403);
      // The download is in the read log, under Marino Paolo (issue 26); the refused one is not.
      const reads = await sportello.database.prisma.readLogEntry.findMany({
        where: { action: 'contract_document_link' },
        select: { beneficiaryId: true, protocol: true },
      });
      expect(reads).toHaveLength(1);
      expect(reads[0]!.beneficiaryId).not.toBeNull();

      await approve.click();
      await page
        .getByText(/Approvato da Ufficio Amministrazione \(demo\) il .*inviato all'ente/)
        .first()
        .waitFor({ timeout: 15_000 });
      await page.screenshot({ path: join(artifactsDir, 'playground-staff-approved.png'), fullPage: true });
      const after = await sportello.database.prisma.contract.findUniqueOrThrow({
        where: { id: contract.id },
      });
      expect(after.state).toBe('sent');
      expect(after.decidedBy).toBe('Ufficio Amministrazione (demo)');
      const sent = await capture.waitFor(
        (mail) =>
          mail.envelopeTo.includes('contratti@ilgirasole.example') &&
          /^Contratto di avvio/.test(mail.parsed.subject ?? ''),
        20_000,
      );
      expect(sent.parsed.subject).toMatch(/^Contratto di avvio del servizio – pratica n\. \d{4}\/\d{7}$/);
      expect(sent.parsed.attachments.map((attachment) => attachment.filename)).toContain(
        `contratto-avvio-${(await sportello.database.prisma.request.findUniqueOrThrow({ where: { id: contract.requestId } })).protocol.replace('/', '-')}.docx`,
      );

      // A new request by e-mail brings its own card to the conversation, proactively.
      await appendMessages(mailbox, [sadRequest(`playground-${Date.now()}`)]);
      await page.getByRole('button', { name: 'Approva' }).first().waitFor({ timeout: 30_000 });
      await page.screenshot({ path: join(artifactsDir, 'playground-staff-new-card.png'), fullPage: true });
    } finally {
      await page.close();
      await playground.stop();
    }
  }, 150_000);

  it('delivers the day-8 reminder proactively to a provider', async () => {
    const { page, playground } = await openAs(users.provider);
    try {
      // 2 November 2026, first working day: the calendar's reminder to validate October's hours.
      await sportello.calendar.tick.runDuties(new Date('2026-11-02T08:00:00Z'));
      sportello.outbox.wake();
      await page
        .getByText(/occorre validare in Gecas le ore di ottobre 2026/)
        .first()
        .waitFor({ timeout: 20_000 });
      expect(await page.getByText('Bianchi Maria – SAD').count()).toBeGreaterThan(0);
      await page.screenshot({ path: join(artifactsDir, 'playground-provider-reminder.png'), fullPage: true });
    } finally {
      await page.close();
      await playground.stop();
    }
  }, 90_000);
});
