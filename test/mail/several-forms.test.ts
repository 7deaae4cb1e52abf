import { describe, expect, it } from 'vitest';
import {
  activationLines,
  carlaRizzi,
  composeEml,
  docxWith,
  lucaFerri,
  pdfWithLines,
} from '../support/compose-mail.js';
import { triageRaw } from '../support/triage-file.js';

const headers = {
  from: 'servizi.sociali@comune.crema.cr.it',
  to: 'amministrazione@comunitasocialecremasca.it',
  subject: 'Richieste di attivazione',
  date: new Date('2027-02-10T08:15:00Z'),
  messageId: '<several@comune.crema.cr.it>',
};
const maria = activationLines({ sad: '[X]' });
const luca = activationLines({ ...lucaFerri, adm: '[X]', ente: 'Coop. Sociale Il Girasole' });
const carla = activationLines({ ...carlaRizzi, sad: '[X]' });
const alone = async (lines: string[]) =>
  (
    await triageRaw(
      await composeEml({
        ...headers,
        text: 'In allegato.',
        attachments: [{ filename: 'a.pdf', content: Buffer.from(await pdfWithLines(lines)) }],
      }),
    )
  ).json;
const asForm = (json: Awaited<ReturnType<typeof alone>>, source: string) => {
  const { receivedAt: _receivedAt, ...form } = json;
  return { ...form, source };
};

// Issue 15: a Comune sending several requests at once, one per attachment or one file with all.
describe('several forms in one message', () => {
  it('reads one form per attachment, in order, the first at the top level as before', async () => {
    const raw = await composeEml({
      ...headers,
      text: 'Si trasmettono tre richieste di attivazione.',
      attachments: [
        { filename: 'bianchi.pdf', content: Buffer.from(await pdfWithLines(maria)) },
        { filename: 'ferri.docx', content: Buffer.from(docxWith(luca)) },
        { filename: 'rizzi.pdf', content: Buffer.from(await pdfWithLines(carla)) },
      ],
    });
    const { json } = await triageRaw(raw);
    const expected = [
      asForm(await alone(maria), 'attachment:bianchi.pdf'),
      asForm(await alone(luca), 'attachment:ferri.docx'),
      asForm(await alone(carla), 'attachment:rizzi.pdf'),
    ];
    expect(json.forms).toEqual(expected);
    const { forms: _forms, receivedAt: _at, ...top } = json;
    const { source: _source, ...first } = expected[0]!;
    expect(top).toEqual(first);
    expect(json.forms!.map((form) => form.beneficiary?.surname)).toEqual(['Bianchi', 'Ferri', 'Rizzi']);
  });

  it('cuts one PDF holding three forms at their titles', async () => {
    const raw = await composeEml({
      ...headers,
      text: 'In allegato le richieste.',
      attachments: [
        { filename: 'moduli.pdf', content: Buffer.from(await pdfWithLines([...maria, ...luca, ...carla])) },
      ],
    });
    const { json } = await triageRaw(raw);
    expect(json.forms?.map((form) => [form.source, form.beneficiary?.taxCode, form.action])).toEqual([
      ['attachment:moduli.pdf', 'BNCMRA50D43D142D', 'acknowledge'],
      ['attachment:moduli.pdf#2', 'FRRLCU15H12G004O', (await alone(luca)).action],
      ['attachment:moduli.pdf#3', 'RZZCRL38T41I827A', (await alone(carla)).action],
    ]);
  });

  it('counts the same form once when it is both in the body and attached', async () => {
    const raw = await composeEml({
      ...headers,
      text: maria.join('\n'),
      attachments: [{ filename: 'richiesta.pdf', content: Buffer.from(await pdfWithLines(maria)) }],
    });
    const { json } = await triageRaw(raw);
    expect(json.forms).toBeUndefined();
    expect(json).toMatchObject({ kind: 'activation', action: 'acknowledge' });
  });
});
