import { readFileSync } from 'node:fs';
import PizZip from 'pizzip';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedRequest } from '../support/accepted-request.js';
import { activationLines, composeEml, pdfWithLines } from '../support/compose-mail.js';
import { fetched } from '../support/in-memory-intake.js';
import type { startInProcess } from '../support/in-process-sportello.js';
import { startOnDemoData } from '../support/in-process-sportello.js';
import { beneficiaryFields } from '../support/tax-codes.js';
import { artifactsDir, launchChromium } from '../support/playground/browser.js';
import type { ScratchDatabase } from '../support/test-databases.js';
import { sadActivation } from '../domain/draft-fixtures.js';

const require = createRequire(import.meta.url);

// Issue 16, first part: the console's «Pratiche» in real Chromium, as each demo role, scope on the server.
// A browser test on a busy 2-core machine (CI runs the other suites beside it) needs more than the default.
describe('the console in a browser, on the demo data', { timeout: 60_000 }, () => {
  let scratch: ScratchDatabase;
  let sportello: Awaited<ReturnType<typeof startInProcess>>;
  let browser: Browser;
  let crema: string;
  let offanengo: string;

  beforeAll(async () => {
    ({ scratch, sportello } = await startOnDemoData());
    crema = (await acceptedRequest(sportello.database, { receivedOn: '2027-02-10' })).protocol;
    const ferri = sadActivation({
      beneficiary: { surname: 'Ferri', name: 'Luca', taxCode: 'FRRLCU15H12G004O', municipality: 'Offanengo' },
    });
    offanengo = (
      await acceptedRequest(sportello.database, {
        receivedOn: '2027-02-11',
        draft: ferri,
        municipalityId: '019062',
      })
    ).protocol;
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await sportello?.stop();
    await scratch?.drop();
  });

  /** A new browser context signed in as the demo user named `name` through the local chooser. */
  async function signedIn(name: string): Promise<Page> {
    const page = await (await browser.newContext({ locale: 'it-IT' })).newPage();
    await page.goto(`${sportello.url}/console`);
    expect(page.url()).toContain('/console/accesso');
    await page.getByRole('button', { name }).click();
    await page.waitForURL(/\/console\/pratiche/);
    return page;
  }
  const protocols = (page: Page) => page.locator('tbody tr td:first-child a').allTextContents();

  it('shows staff every request, filters them, and opens one with its story', async () => {
    const page = await signedIn('Ufficio Amministrazione');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Pratiche');
    expect(await protocols(page)).toEqual(expect.arrayContaining([crema, offanengo]));
    await page.screenshot({ path: join(artifactsDir, 'console-pratiche-staff.png'), fullPage: true });
    await page.getByLabel('Comune').selectOption({ label: 'Offanengo' });
    await page.getByRole('button', { name: 'Filtra' }).click();
    expect(await protocols(page)).toEqual([offanengo]);
    await page.getByLabel('Comune').selectOption({ label: 'Tutti' });
    await page.getByLabel('Cerca').fill('BNCMRA50');
    await page.getByRole('button', { name: 'Filtra' }).click();
    expect(await protocols(page)).toEqual([crema]);
    await page.getByRole('link', { name: crema }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`Pratica ${crema}`);
    expect(await page.locator('ol.storia').textContent()).toContain('richiesta protocollata e verificata');
    await page.screenshot({ path: join(artifactsDir, 'console-pratica-staff.png'), fullPage: true });
  });

  it("shows a social worker her Comune's requests only, and not another's by URL or by guessing", async () => {
    const page = await signedIn('Anna Bianchi');
    const seen = await protocols(page);
    expect(seen).toContain(crema);
    expect(seen).not.toContain(offanengo);
    const response = await page.goto(`${sportello.url}/console/pratiche/${offanengo}`);
    expect(response?.status()).toBe(404);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Pagina non disponibile');
    const missing = await page.goto(`${sportello.url}/console/pratiche/2027/0999999`);
    expect(missing?.status()).toBe(404);
    expect(await page.content()).toContain('non esiste o non rientra tra quelle che può consultare');
    // Filtering by another Comune shows nothing of it either.
    await page.goto(`${sportello.url}/console/pratiche?comune=019062`);
    expect(await protocols(page)).toEqual([]);
    await page.screenshot({
      path: join(artifactsDir, 'console-pratiche-assistente-sociale.png'),
      fullPage: true,
    });
  });

  it("shows a provider its own projects' requests only, and neither budget nor the office's pages", async () => {
    const igea = sadActivation({
      beneficiary: { surname: 'Neri', name: 'Anna', taxCode: 'NRENNA45A41D142X' },
      request: { provider: 'Coop. Igea (demo)' },
    });
    const other = (await acceptedRequest(sportello.database, { receivedOn: '2027-02-12', draft: igea }))
      .protocol;
    const page = await signedIn('Il Girasole');
    const seen = await protocols(page);
    expect(seen).not.toContain(other);
    // Both test requests name Il Girasole; the demo's own request is Il Girasole's too.
    expect(seen.length).toBeGreaterThan(0);
    const others = await sportello.database.prisma.request.findMany({
      where: { NOT: { project: { provider: { name: { contains: 'Girasole' } } } } },
      select: { protocol: true },
    });
    expect(others.length).toBeGreaterThan(0);
    for (const request of others) expect(seen).not.toContain(request.protocol);
    expect((await page.goto(`${sportello.url}/console/pratiche/${other}`))?.status()).toBe(404);
    expect(await page.getByRole('link', { name: 'Budget' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Da verificare' }).count()).toBe(0);
    expect((await page.goto(`${sportello.url}/console/budget`))?.status()).toBe(404);
    expect((await page.goto(`${sportello.url}/console/da-verificare`))?.status()).toBe(404);
    await page.goto(`${sportello.url}/console/pratiche`);
    await page.screenshot({ path: join(artifactsDir, 'console-pratiche-ente.png'), fullPage: true });
  });

  it('has no serious accessibility violation (axe-core) on its pages, in every theme', async () => {
    // axe is injected as a script, which the console's own CSP forbids: this context bypasses it.
    const page = await (await browser.newContext({ locale: 'it-IT', bypassCSP: true })).newPage();
    await page.goto(`${sportello.url}/console/accesso`);
    await page.getByRole('button', { name: 'Ufficio Amministrazione' }).click();
    await page.waitForURL(/\/console\/pratiche/);
    const paths = [
      '/console/pratiche',
      '/console/da-verificare',
      '/console/quarantena',
      '/console/calendario',
      '/console/accessi?cf=BNCMRA50D43D142D',
      '/console/scarto',
      '/console/previsioni',
      '/console/budget?comune=019035',
      `/console/pratiche/${crema}`,
      '/console/pratiche?tema=dark',
      '/console/pratiche?tema=contrast',
    ];
    for (const path of paths) {
      await page.goto(`${sportello.url}${path}`);
      await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
      const violations = await page.evaluate(async () => {
        const result = await (
          globalThis as unknown as {
            axe: { run(): Promise<{ violations: { id: string; impact: string }[] }> };
          }
        ).axe.run();
        return result.violations.map((violation) => `${violation.impact}: ${violation.id}`);
      });
      expect(
        violations.filter((violation) => /^(serious|critical)/.test(violation)),
        path,
      ).toEqual([]);
    }
    // The theme Teams gave stays for the pages after it.
    await page.goto(`${sportello.url}/console/pratiche/${crema}`);
    expect(await page.locator('html').getAttribute('data-tema')).toBe('contrast');
    await page.screenshot({ path: join(artifactsDir, 'console-pratica-contrasto.png'), fullPage: true });
  });

  it('lists the messages put aside for staff with their reason, and archives one with a note, once', async () => {
    const mail = (await sportello.mail)!;
    const broken = await composeEml({
      from: 'servizi.sociali@comune.crema.cr.it',
      to: 'amministrazione@comunitasocialecremasca.it',
      subject: 'Richiesta attivazione',
      messageId: '<console-broken@comune.crema.cr.it>',
      text: 'In allegato.',
      attachments: [
        { filename: 'richiesta.pdf', content: Buffer.from('%PDF-1.7 rotto'), contentType: 'application/pdf' },
      ],
    });
    const stranger = await composeEml({
      from: 'qualcuno@example.com',
      to: 'amministrazione@comunitasocialecremasca.it',
      subject: 'Una domanda <b>urgente</b>',
      messageId: '<console-stranger@example.com>',
      text: 'Buongiorno, avrei una domanda.',
    });
    expect(await mail.intake.handle(fetched(broken.toString('latin1'), 11n))).toBe('quarantine');
    expect(await mail.intake.handle(fetched(stranger.toString('latin1'), 12n))).toBe('staff');

    const page = await signedIn('Ufficio Amministrazione');
    await page.getByRole('link', { name: 'Quarantena' }).click();
    expect(await page.locator('main').textContent()).toContain('il PDF è danneggiato');
    await page.getByRole('link', { name: 'Da verificare' }).click();
    const main = page.locator('main');
    expect(await main.textContent()).toContain('qualcuno@example.com');
    expect(await main.textContent()).toContain('Una domanda <b>urgente</b>');
    await page.screenshot({ path: join(artifactsDir, 'console-da-verificare.png'), fullPage: true });
    await page.getByLabel('Nota di archiviazione').fill('Risposto a mano dal telefono');
    await page.getByRole('button', { name: 'Archivia' }).click();
    expect(await page.getByRole('status').textContent()).toBe('Messaggio archiviato.');
    expect(await main.textContent()).not.toContain('qualcuno@example.com');
    const archived = await sportello.database.prisma.inboundMessage.findFirstOrThrow({
      where: { messageId: '<console-stranger@example.com>' },
    });
    expect(archived).toMatchObject({
      archivedBy: 'Ufficio Amministrazione (demo)',
      archiveNote: 'Risposto a mano dal telefono',
    });
    expect(
      await sportello.database.prisma.auditLog.count({
        where: { entityId: archived.id, action: 'inbound_message_archived' },
      }),
    ).toBe(1);

    // A social worker has neither the pages nor the action; a post from another site is refused.
    const worker = await signedIn('Anna Bianchi');
    expect((await worker.goto(`${sportello.url}/console/quarantena`))?.status()).toBe(404);
    const forged = await worker.request.post(`${sportello.url}/console/messaggi/${archived.id}/archivia`, {
      form: { nota: 'x' },
      headers: { origin: 'https://altro.example' },
    });
    expect(forged.status()).toBe(403);
  });

  it('reads a message put aside again once, after a fix (the sender registered), and answers it', async () => {
    const mail = (await sportello.mail)!;
    const form = activationLines({
      cognome: 'Rossi',
      nome: 'Giovanni',
      nascita: '11/02/1946',
      cf: 'RSSGNN46B11D142B',
      sad: '☒',
    });
    const raw = await composeEml({
      from: 'segreteria@crema-servizi.example',
      to: 'amministrazione@comunitasocialecremasca.it',
      subject: 'Richiesta attivazione SAD Rossi',
      messageId: '<console-reprocess@crema-servizi.example>',
      text: form.join('\n'),
    });
    expect(await mail.intake.handle(fetched(raw.toString('latin1'), 21n))).toBe('staff');
    const prisma = sportello.database.prisma;
    // What Sportello read of it, read again on the reader threads without any effect.
    const reader = await signedIn('Ufficio Amministrazione');
    await reader.goto(`${sportello.url}/console/da-verificare`);
    await reader
      .locator('li', { hasText: 'segreteria@crema-servizi.example' })
      .getByRole('link', { name: 'che cosa ha letto Sportello' })
      .click();
    expect(await reader.locator('main').textContent()).toContain('codice fiscale RSSGNN46B11D142B');
    expect(
      await prisma.request.count({ where: { threadMessageId: '<console-reprocess@crema-servizi.example>' } }),
    ).toBe(0);
    await prisma.counterpartAddress.create({
      data: { address: 'segreteria@crema-servizi.example', municipalityId: '019035', receivesNotices: true },
    });
    // The intake reads the registry again after at most 10 s (as after `npm run counterparts`).
    await new Promise((resolve) => setTimeout(resolve, 10_500));
    const page = await signedIn('Ufficio Amministrazione');
    await page.goto(`${sportello.url}/console/da-verificare`);
    const item = page.locator('li', { hasText: 'segreteria@crema-servizi.example' });
    await item.getByRole('button', { name: 'Rielabora' }).click();
    expect(await page.getByRole('status').textContent()).toContain('è stato trattato e ha avuto risposta');
    const inbound = await prisma.inboundMessage.findFirstOrThrow({
      where: { messageId: '<console-reprocess@crema-servizi.example>' },
      include: { requests: true },
    });
    expect(inbound.state).toBe('processed');
    expect(inbound.requests).toHaveLength(1);
    expect(await prisma.outboxMessage.count({ where: { idempotencyKey: `reply:${inbound.id}` } })).toBe(1);
    expect(
      await prisma.auditLog.count({ where: { entityId: inbound.id, action: 'inbound_message_reprocessed' } }),
    ).toBe(1);
    // A second click (another tab left open) reads nothing again.
    const again = await page.request.post(`${sportello.url}/console/messaggi/${inbound.id}/rielabora`, {
      form: { cartella: 'staff' },
      headers: { origin: sportello.url },
      maxRedirects: 0,
    });
    expect(again.headers()['location']).toContain('esito=rielabora-no');
    expect(await prisma.request.count({ where: { inboundMessageId: inbound.id } })).toBe(1);
  }, 40_000);

  it("lists the documents of a request's message to staff and its Comune, downloadable, not to a provider", async () => {
    const mail = (await sportello.mail)!;
    const pdf = Buffer.from(
      await pdfWithLines(
        activationLines({
          cognome: 'Galli',
          nome: 'Sofia',
          nascita: '19/05/1950',
          cf: 'GLLSFO50E59D142U',
          sad: '[X]',
        }),
      ),
    );
    const raw = await composeEml({
      from: 'servizi.sociali@comune.crema.cr.it',
      to: 'amministrazione@comunitasocialecremasca.it',
      subject: 'Richiesta attivazione <Galli>',
      messageId: '<console-files@comune.crema.cr.it>',
      text: 'In allegato la richiesta.',
      attachments: [{ filename: 'richiesta "Galli".pdf', content: pdf }],
    });
    expect(await mail.intake.handle(fetched(raw.toString('latin1'), 31n))).toBe('processed');
    const request = await sportello.database.prisma.request.findFirstOrThrow({
      where: { threadMessageId: '<console-files@comune.crema.cr.it>' },
    });
    const page = await signedIn('Anna Bianchi');
    await page.goto(`${sportello.url}/console/pratiche/${request.protocol}`);
    expect(await page.locator('main').textContent()).toContain('Documenti del messaggio');
    const link = page.getByRole('link', { name: 'richiesta "Galli".pdf' });
    const download = await page.request.get(`${sportello.url}${await link.getAttribute('href')}`);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-type']).toBe('application/octet-stream');
    expect(download.headers()['content-disposition']).toMatch(
      /^attachment; filename="richiesta _Galli_.pdf"/,
    );
    expect(Buffer.from(await download.body()).equals(pdf)).toBe(true);
    const provider = await signedIn('Il Girasole');
    expect(
      (
        await provider.request.get(`${sportello.url}/console/pratiche/${request.protocol}/allegati/0`)
      ).status(),
    ).toBe(404);
  });

  it("(issue 23, attack 5) signs nobody in from another site's page (login CSRF)", async () => {
    const context = await browser.newContext();
    const chooser = await context.newPage();
    await chooser.goto(`${sportello.url}/console/accesso`);
    const person = (await chooser.locator('input[name=utente]').first().getAttribute('value'))!;
    const forged = await context.request.post(`${sportello.url}/console/accesso`, {
      form: { utente: person },
      headers: { origin: 'https://evil.example' },
      maxRedirects: 0,
    });
    expect(forged.status()).toBe(403);
    expect(forged.headers()['set-cookie']).toBeUndefined();
    const withoutOrigin = await context.request.post(`${sportello.url}/console/accesso`, {
      form: { utente: person },
      headers: { origin: 'null' },
      maxRedirects: 0,
    });
    expect(withoutOrigin.status()).toBe(403);
    expect((await context.cookies()).map((cookie) => cookie.name)).not.toContain('sportello_console');
    // From the console's own page, as a browser posts it, the chooser still signs in.
    const own = await context.request.post(`${sportello.url}/console/accesso`, {
      form: { utente: person },
      headers: { origin: sportello.url },
      maxRedirects: 0,
    });
    expect(own.status()).toBe(303);
    expect((await context.cookies()).map((cookie) => cookie.name)).toContain('sportello_console');
    await context.close();
  });

  it("(issue 23, attack 6) offers a request's page only the files of its own form", async () => {
    const mail = (await sportello.mail)!;
    const crema = Buffer.from(await pdfWithLines(activationLines(beneficiaryFields('Moretti', 'Elena'))));
    const offanengo = Buffer.from(
      await pdfWithLines(
        activationLines({
          comune: 'Offanengo',
          sad: '☐',
          adm: '☒',
          compartecipa: 'Crema',
          cognome: 'Conti',
          nome: 'Giulia',
          cf: 'CNTGLI11P70D142W',
        }),
      ),
    );
    const raw = await composeEml({
      from: 'servizi.sociali@comune.crema.cr.it',
      to: 'amministrazione@comunitasocialecremasca.it',
      subject: 'Richieste di attivazione',
      messageId: '<console-two-forms@comune.crema.cr.it>',
      text: 'In allegato due richieste.',
      attachments: [
        { filename: 'richiesta Moretti.pdf', content: crema },
        { filename: 'richiesta Conti.pdf', content: offanengo },
      ],
    });
    expect(await mail.intake.handle(fetched(raw.toString('latin1'), 32n))).toBe('processed');
    const requests = await sportello.database.prisma.request.findMany({
      where: { threadMessageId: '<console-two-forms@comune.crema.cr.it>' },
      include: { municipality: true },
    });
    const offanengoRequest = requests.find((request) => request.municipality?.name === 'Offanengo')!;
    const cremaRequest = requests.find((request) => request.municipality?.name === 'Crema')!;
    expect(offanengoRequest && cremaRequest).toBeTruthy();
    // Offanengo's social worker: the Offanengo resident's form only; Crema's is not to be had by URL.
    const worker = await signedIn('Laura Ferrari');
    await worker.goto(`${sportello.url}/console/pratiche/${offanengoRequest.protocol}`);
    const main = worker.locator('main');
    expect(await main.getByRole('link', { name: /richiesta .*\.pdf/ }).allTextContents()).toEqual([
      'richiesta Conti.pdf',
    ]);
    expect(await main.textContent()).toContain('un altro documento riguarda altre pratiche');
    const base = `${sportello.url}/console/pratiche/${offanengoRequest.protocol}/allegati`;
    const own = await worker.request.get(`${base}/0`);
    expect(Buffer.from(await own.body()).equals(offanengo)).toBe(true);
    expect((await worker.request.get(`${base}/1`)).status()).toBe(404);
    // Crema's own request shows Crema's form alone.
    const staff = await signedIn('Ufficio Amministrazione');
    await staff.goto(`${sportello.url}/console/pratiche/${cremaRequest.protocol}`);
    expect(
      await staff
        .locator('main')
        .getByRole('link', { name: /richiesta .*\.pdf/ })
        .allTextContents(),
    ).toEqual(['richiesta Moretti.pdf']);
  });

  it("lets staff approve a request's contract from its page, as from the Teams card; a social worker cannot", async () => {
    const worker = await signedIn('Anna Bianchi');
    await worker.goto(`${sportello.url}/console/pratiche/${crema}`);
    expect(await worker.getByRole('button', { name: 'Approva il contratto' }).count()).toBe(0);
    const contract = await sportello.database.prisma.contract.findFirstOrThrow({
      where: { request: { protocol: crema } },
    });
    const attempt = await worker.request.post(`${sportello.url}/console/contratti/${contract.id}/decisione`, {
      form: { versione: String(contract.version), decisione: 'approved', pratica: crema },
      headers: { origin: sportello.url },
      maxRedirects: 0,
    });
    expect(attempt.headers()['location']).toContain('esito=negato');
    expect(
      (await sportello.database.prisma.contract.findUniqueOrThrow({ where: { id: contract.id } })).state,
    ).toBe('draft');

    const page = await signedIn('Ufficio Amministrazione');
    await page.goto(`${sportello.url}/console/pratiche/${crema}`);
    expect(await page.locator('main').textContent()).toContain('da approvare');
    await page.getByRole('button', { name: 'Non approvare' }).click();
    // The browser asks for the reason first (required): nothing was sent.
    expect(
      (await sportello.database.prisma.contract.findUniqueOrThrow({ where: { id: contract.id } })).state,
    ).toBe('draft');
    await page.getByRole('button', { name: 'Approva il contratto' }).click();
    await page.waitForURL(/esito=fatto/);
    expect(await page.getByRole('status').textContent()).toContain('Fatto');
    const decided = await sportello.database.prisma.contract.findUniqueOrThrow({
      where: { id: contract.id },
    });
    expect(['approved', 'sent']).toContain(decided.state);
    expect(decided.decidedBy).toBe('Ufficio Amministrazione (demo)');
    expect(await page.getByRole('button', { name: 'Approva il contratto' }).count()).toBe(0);
    await page.screenshot({ path: join(artifactsDir, 'console-contratto-approvato.png'), fullPage: true });
  });

  it('shows staff the calendar and the mail that did not leave, and sends a given-up message again', async () => {
    const prisma = sportello.database.prisma;
    const failed = await prisma.outboxMessage.create({
      data: {
        idempotencyKey: 'reply:console-test',
        channel: 'email',
        recipient: 'servizi.sociali@comune.crema.cr.it',
        payload: {},
        state: 'failed',
        attempts: 12,
        lastError: 'SMTP 550: casella inesistente',
      },
    });
    const page = await signedIn('Ufficio Amministrazione');
    await page.getByRole('link', { name: 'Calendario e posta' }).click();
    const main = page.locator('main');
    expect(await main.textContent()).toContain('SMTP 550: casella inesistente');
    expect(await main.textContent()).toContain('Prossimi promemoria');
    await page.screenshot({ path: join(artifactsDir, 'console-calendario.png'), fullPage: true });
    await page.getByRole('button', { name: 'Riprova' }).click();
    expect(await page.getByRole('status').textContent()).toContain('rimesso in coda');
    const retried = await prisma.outboxMessage.findUniqueOrThrow({ where: { id: failed.id } });
    expect(retried.attempts).toBeLessThan(12);
    expect(
      await prisma.auditLog.count({ where: { entityId: failed.id, action: 'outbox_message_retried' } }),
    ).toBe(1);
    const worker = await signedIn('Anna Bianchi');
    expect((await worker.goto(`${sportello.url}/console/calendario`))?.status()).toBe(404);
  });

  // Issue 26: who viewed a person's data, for staff only.
  it("shows staff who opened a person's request, and when; nobody else sees the log", async () => {
    const worker = await signedIn('Anna Bianchi');
    await worker.goto(`${sportello.url}/console/pratiche/${crema}`);
    expect((await worker.goto(`${sportello.url}/console/accessi`))?.status()).toBe(404);
    expect((await worker.goto(`${sportello.url}/console/scarto`))?.status()).toBe(404);
    const page = await signedIn('Ufficio Amministrazione');
    await page.getByRole('link', { name: 'Accessi ai dati' }).click();
    await page.getByLabel('Codice fiscale della persona').fill('bncmra50d43d142d');
    await page.getByRole('button', { name: 'Cerca' }).click();
    const main = page.locator('main');
    await expect.poll(() => main.textContent()).toContain('Bianchi Maria (BNCMRA50D43D142D)');
    const rows = await main.locator('tbody tr').allTextContents();
    expect(
      rows.some((row) => row.includes('Anna Bianchi') && row.includes('pagina della pratica (console)')),
    ).toBe(true);
    await page.screenshot({ path: join(artifactsDir, 'console-accessi.png'), fullPage: true });
    // Everything held about her in one ZIP (GDPR art. 15), from the same page.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /Esporta tutti i dati/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^dati-BNCMRA50D43D142D-\d{4}-\d\d-\d\d\.zip$/);
    const zip = new PizZip(readFileSync((await download.path())!));
    expect(JSON.parse(zip.file('LEGGIMI.json')!.asText())).toMatchObject({ persona: 'Bianchi Maria' });
  });

  // Issue 24, point 1 (seed l. 339-373): staff read a forecast's rows, correct one, and confirm it.
  it("lets staff correct a forecast's row and confirm it, opening the continuing project; nobody else", async () => {
    const mail = (await sportello.mail)!;
    const forecast = await composeEml({
      from: 'servizi.sociali@comune.crema.cr.it',
      to: 'amministrazione@comunitasocialecremasca.it',
      subject: 'Previsione di spesa SAD anno 2028',
      messageId: '<console-forecast@comune.crema.cr.it>',
      text: 'Si trasmette il prospetto degli utenti in continuità.\n\nCodice fiscale;Ore annue;Budget\nBNCMRA50D43D142D;200;1.000,00\n',
    });
    const received = {
      ...fetched(forecast.toString('latin1'), 21n),
      internalDate: new Date('2027-11-19T09:00:00Z'),
    };
    expect(await mail.intake.handle(received)).toBe('staff');

    const page = await signedIn('Ufficio Amministrazione');
    await page.getByRole('link', { name: 'Previsioni' }).click();
    await page.getByRole('link', { name: '19/11/2027' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Previsione di spesa – Crema');
    const main = page.locator('main');
    expect(await main.textContent()).toContain('budget insufficiente per le ore indicate');
    await page.getByRole('button', { name: 'Conferma la previsione' }).click();
    expect(await page.getByRole('status').textContent()).toContain('Correggere o escludere prima le righe');
    await page.getByLabel('Budget in euro – BNCMRA50D43D142D').fill('sei');
    await page.getByRole('button', { name: 'Salva riga' }).click();
    expect(await page.getByRole('status').textContent()).toContain('vanno scritti come numeri');
    await page.getByLabel('Budget in euro – BNCMRA50D43D142D').fill('9.000,00');
    await page.getByRole('button', { name: 'Salva riga' }).click();
    expect(await page.getByRole('status').textContent()).toBe('Riga aggiornata.');
    expect(await main.textContent()).toContain('budget sufficiente');
    await page.screenshot({ path: join(artifactsDir, 'console-previsione.png'), fullPage: true });
    await page.getByRole('button', { name: 'Conferma la previsione' }).click();
    expect(await page.getByRole('status').textContent()).toBe(
      'Previsione confermata: 1 progetti in continuità aperti.',
    );
    expect(await page.getByRole('button', { name: 'Salva riga' }).count()).toBe(0);
    const opened = await sportello.database.prisma.project.findFirstOrThrow({
      where: { beneficiary: { taxCode: 'BNCMRA50D43D142D' }, startDate: new Date('2028-01-01T00:00:00Z') },
    });
    expect(opened).toMatchObject({ committedBudgetCents: 900_000, annualMinutes: 12_000, status: 'active' });

    const worker = await signedIn('Anna Bianchi');
    expect((await worker.goto(`${sportello.url}/console/previsioni`))?.status()).toBe(404);
    expect((await worker.goto(page.url().replace(/\?.*$/, '')))?.status()).toBe(404);
  });

  it("shows a Comune's budget to staff and to its social worker only, with the workbook to download", async () => {
    const page = await signedIn('Ufficio Amministrazione');
    await page.getByRole('link', { name: 'Budget' }).click();
    // Issue 24, point 8: staff open on every Comune's totals, and drill down.
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Budget – tutti i Comuni');
    const crema = page.locator('tbody tr', { has: page.getByRole('link', { name: 'Crema', exact: true }) });
    expect(await crema.textContent()).toMatch(/€/);
    await page.screenshot({ path: join(artifactsDir, 'console-budget-ambito.png'), fullPage: true });
    await page.getByRole('link', { name: 'Crema', exact: true }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Budget – Comune di Crema');
    await page.getByLabel('Comune').selectOption({ label: 'Offanengo' });
    await page.getByRole('button', { name: 'Mostra' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Budget – Comune di Offanengo');
    await page.getByRole('link', { name: '‹ Tutti i Comuni' }).click();
    await page.getByRole('link', { name: 'Crema', exact: true }).click();
    const main = page.locator('main');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Budget – Comune di Crema');
    expect(await main.textContent()).toContain('Per servizio');
    expect(await page.locator('table').last().locator('tbody tr').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(artifactsDir, 'console-budget-crema.png'), fullPage: true });
    const download = await page.request.get(`${sportello.url}/console/budget/019035/riepilogo.xlsx`);
    expect(download.status()).toBe(200);
    expect((await download.body()).subarray(0, 2).toString('latin1')).toBe('PK');
    // Issue 24, point 6: the demo CSE of Castelleone (160 full days) shows the FUD's share, 160 × 21,00 €.
    await page.goto(`${sportello.url}/console/budget?comune=019025`);
    expect((await page.locator('main').textContent())?.replace(/\u00a0/g, ' ')).toContain(
      'quota FUD 3.360,00 €',
    );

    const worker = await signedIn('Anna Bianchi');
    await worker.goto(`${sportello.url}/console/budget?comune=019062`);
    expect(await worker.getByRole('heading', { level: 1 }).textContent()).toBe('Budget – Comune di Crema');
    expect(await worker.getByLabel('Comune').count()).toBe(0);
    expect((await worker.request.get(`${sportello.url}/console/budget/019062/riepilogo.xlsx`)).status()).toBe(
      404,
    );
  });

  it('serves the Teams tab page with its two scripts, which says in Italian when it is opened outside Teams', async () => {
    const page = await (await browser.newContext({ locale: 'it-IT' })).newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/.test(message.text()))
        errors.push(message.text());
    });
    await page.goto(`${sportello.url}/console/tab`);
    await expect
      .poll(() => page.getByRole('status').textContent(), { timeout: 15_000 })
      .toContain('Accesso da Teams non riuscito');
    expect(errors, errors.join('\n')).toEqual([]);
  }, 30_000);

  it('refuses a forged or missing session, and escapes what comes from outside', async () => {
    const context = await browser.newContext();
    await context.addCookies([
      { name: 'sportello_console', value: 'eyJ1IjoieCIsImUiOjl9.falso', url: sportello.url },
    ]);
    const page = await context.newPage();
    await page.goto(
      `${sportello.url}/console/pratiche?testo=${encodeURIComponent('<script>alert(1)</script>')}`,
    );
    expect(page.url()).toContain('/console/accesso');
    const staff = await signedIn('Ufficio Amministrazione');
    await staff.goto(
      `${sportello.url}/console/pratiche?testo=${encodeURIComponent('"><script>alert(1)</script>')}`,
    );
    expect(await staff.locator('script').count()).toBe(0);
    expect(await staff.getByLabel('Cerca').inputValue()).toBe('"><script>alert(1)</script>');
  });
});
