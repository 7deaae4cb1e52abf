import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../app/config.js';
import { BotConnector } from '../support/bot-connector.js';
import { postActivity, teamsActivity } from '../support/bot-http.js';
import { cardText } from '../support/bot-harness.js';
import type { startInProcess } from '../support/in-process-sportello.js';
import { startOnDemoData } from '../support/in-process-sportello.js';
import type { ScratchDatabase } from '../support/test-databases.js';

// The attacks of issue 13 on the bot's HTTP endpoint, against Sportello started in local mode on
// its demo data, with a local connector standing in for Teams.
describe('the bot endpoint under attack', () => {
  const connector = new BotConnector();
  let scratch: ScratchDatabase;
  let sportello: Awaited<ReturnType<typeof startInProcess>>;
  let contractId: string;
  let beneficiary: { fullName: string; taxCode: string };

  beforeAll(async () => {
    await connector.start();
    ({ scratch, sportello } = await startOnDemoData());
    const draft = await sportello.database.prisma.contract.findFirstOrThrow({
      where: { state: 'draft' },
      include: { project: { include: { beneficiary: true } } },
    });
    contractId = draft.id;
    const person = draft.project!.beneficiary;
    beneficiary = { fullName: `${person.surname} ${person.name}`, taxCode: person.taxCode };
  }, 60_000);
  afterAll(async () => {
    await sportello?.stop();
    await connector.stop();
    await scratch?.drop();
  });

  const click = async (aadObjectId: string, verb: string, data: Record<string, unknown>) => {
    const answer = await postActivity(
      sportello.url,
      teamsActivity(aadObjectId, connector, {
        type: 'invoke',
        name: 'adaptiveCard/action',
        replyToId: 'the-card-message',
        value: { action: { type: 'Action.Execute', verb, data } },
      }),
    );
    expect(answer.status).toBe(200);
    return (JSON.parse(answer.text) as { value: Record<string, unknown> }).value;
  };

  it.each([
    ['an unknown user', 'not-registered'],
    ['a social worker', 'demo-as-offanengo'],
    ['a provider', 'demo-ente-girasole'],
  ])('(3) shows %s neither the contract card nor its link, and audits the attempt', async (_who, user) => {
    const before = await sportello.database.prisma.auditLog.count({
      where: { action: 'contract_decision_refused' },
    });
    for (const [verb, data] of [
      ['refreshContract', { contractId }],
      ['approveContract', { contractId, version: 0 }],
      ['rejectContract', { contractId, version: 0, reason: 'no' }],
      ['markContractReturned', { contractId }],
    ] as const) {
      const card = await click(user, verb, data);
      const text = cardText(card);
      expect(text, verb).toMatch(/solo (il|al) personale/i);
      expect(text, verb).not.toContain(beneficiary.fullName);
      expect(text, verb).not.toContain(beneficiary.taxCode);
      expect(JSON.stringify(card), verb).not.toMatch(/Action\.OpenUrl|\/documenti\//);
    }
    expect(
      await sportello.database.prisma.auditLog.count({ where: { action: 'contract_decision_refused' } }),
    ).toBe(before + 4);
    const contract = await sportello.database.prisma.contract.findUniqueOrThrow({
      where: { id: contractId },
    });
    expect(contract.state).toBe('draft');
  });

  it('(3) still shows staff the full card', async () => {
    const card = await click('demo-staff-amministrazione', 'refreshContract', { contractId });
    expect(cardText(card)).toContain(beneficiary.taxCode);
  });

  it('(6) answers no activity whose serviceUrl is off this machine in local mode', async () => {
    const answer = await postActivity(
      sportello.url,
      teamsActivity('demo-staff-amministrazione', connector, {
        type: 'message',
        text: 'contratti da approvare',
        serviceUrl: 'https://attacker.example/',
      }),
    );
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.text)).toMatchObject({ errore: 'Richiesta non consentita.' });
  });

  it('(7) sends every Teams text as plain text, so a name written as a link stays text', async () => {
    const replied = connector.next((item) => item.conversationId === 'a:demo-as-crema');
    await postActivity(
      sportello.url,
      teamsActivity('demo-as-crema', connector, {
        type: 'message',
        text: 'quanto budget resta per [Verifica urgente](https://phish.example) **IMPORTANTE**',
      }),
    );
    const reply = await replied;
    expect((reply.activity as { textFormat?: string }).textFormat).toBe('plain');
  });

  it('(10) answers malformed JSON and unknown paths with a generic body and a correlation id', async () => {
    const malformed = await fetch(`${sportello.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"type": "message",',
    });
    expect(malformed.status).toBe(400);
    const body = await malformed.text();
    expect(JSON.parse(body)).toEqual({ errore: 'Richiesta non valida.', correlationId: expect.any(String) });
    expect(body).not.toMatch(/at |node_modules|\/work|SyntaxError/);
    const missing = await fetch(`${sportello.url}/nothing-here`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ errore: 'Risorsa non trovata.' });
  });
});

describe('the mode Sportello chooses (6)', () => {
  const database = { DATABASE_URL: 'postgresql://sportello@db.example:5432/sportello' };

  it('is production whenever the HTTP host is not loopback, and then demands credentials', () => {
    expect(() => loadConfig({ ...database, HTTP_HOST: '0.0.0.0' })).toThrow(/required in production/);
    expect(loadConfig({ ...database, HTTP_HOST: '127.0.0.1' }).mode).toBe('development');
    // Metrics in production are read with a token only (issue 27).
    expect(() => loadConfig({ ...database, HTTP_HOST: '0.0.0.0', METRICS_PROMETHEUS: 'true' })).toThrow(
      /METRICS_TOKEN: required in production/,
    );
  });

  it('refuses development mode on a network address unless forced, and then says so', () => {
    expect(() => loadConfig({ ...database, HTTP_HOST: '0.0.0.0', SPORTELLO_MODE: 'development' })).toThrow(
      /SPORTELLO_ALLOW_DEVELOPMENT_ON_NETWORK/,
    );
    const forced = loadConfig({
      ...database,
      HTTP_HOST: '0.0.0.0',
      SPORTELLO_MODE: 'development',
      SPORTELLO_ALLOW_DEVELOPMENT_ON_NETWORK: 'true',
    });
    expect(forced).toMatchObject({ mode: 'development', developmentOnNetwork: true });
  });
});
