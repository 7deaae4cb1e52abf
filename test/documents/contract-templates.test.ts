import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mammoth from 'mammoth';
import PizZip from 'pizzip';
import { describe, expect, it } from 'vitest';
import { contractFields, contractTemplateFor } from '../../domain/contracts/contract-fields.js';
import {
  ContractTemplates,
  defaultTemplatesDir,
  templateCheckFingerprint,
  type TemplateCheckMemo,
} from '../../documents/contract-templates.js';
import { LibreOfficePdf } from '../../documents/libreoffice-pdf.js';
import type { RunProgram } from '../../documents/warm-office.js';
import { runProgram } from '../../mail/parsing/program-runner.js';
import { dayCentreEntry, sadContractSource } from '../domain/draft-fixtures.js';

const golden = (name: string) => readFileSync(new URL(`./golden/${name}`, import.meta.url), 'utf8');
const textOf = async (docx: Uint8Array) =>
  (await mammoth.extractRawText({ buffer: Buffer.from(docx) })).value;

const sadSource = sadContractSource();

/** A copy of the shipped templates whose `file` has its document.xml changed by `edit`. */
function editedTemplates(file: string, edit: (xml: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'sportello-templates-'));
  cpSync(defaultTemplatesDir, dir, { recursive: true });
  const zip = new PizZip(readFileSync(join(dir, file)));
  zip.file('word/document.xml', edit(zip.file('word/document.xml')!.asText()));
  writeFileSync(join(dir, file), zip.generate({ type: 'nodebuffer' }));
  return dir;
}

describe('contract templates (Word, docxtemplater)', () => {
  it('fills the home-services contract exactly as the golden text says', async () => {
    const templates = await ContractTemplates.load();
    const docx = await templates.render('servizi-domiciliari', contractFields(sadSource));
    expect(await textOf(docx)).toBe(golden('contratto-servizi-domiciliari.txt'));
  });

  it('fills the day-centre contract with the unit and the attendance, never "undefined"', async () => {
    const draft = dayCentreEntry();
    const templates = await ContractTemplates.load();
    const template = contractTemplateFor(draft.service);
    expect(template).toBe('servizi-diurni');
    const text = await textOf(await templates.render(template, contractFields({ ...sadSource, draft })));
    expect(text).toBe(golden('contratto-servizi-diurni.txt'));
    expect(text).not.toMatch(/undefined|\{|\}/);
  });

  it('chooses the template by service family', () => {
    expect(['SAD', 'SADH', 'ADM', 'SIP', 'SAAP'].map((code) => contractTemplateFor(code as never))).toEqual(
      Array(5).fill('servizi-domiciliari'),
    );
    expect(contractTemplateFor('CSE')).toBe('servizi-diurni');
    expect(contractTemplateFor('CENTRO_DIURNO_MINORI')).toBe('servizi-diurni');
    expect(contractTemplateFor('ISD')).toBe('isd');
    expect(contractTemplateFor('VOUCHER_FNA')).toBe('altri-servizi');
  });

  it('still works when Word splits a placeholder across runs of text with other formatting', async () => {
    // What Word writes after someone retypes part of "{ente}" in bold with spell checking on.
    const dir = editedTemplates('contratto-servizi-domiciliari.docx', (xml) =>
      xml.replace(
        'l’ente accreditato {ente}',
        'l’ente accreditato {</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:rPr><w:b/></w:rPr><w:t>en</w:t></w:r><w:proofErr w:type="spellEnd"/><w:r><w:t xml:space="preserve">te}',
      ),
    );
    const templates = await ContractTemplates.load(dir);
    const text = await textOf(await templates.render('servizi-domiciliari', contractFields(sadSource)));
    expect(text).toContain('l’ente accreditato Coop. Sociale Il Girasole (di seguito «Ente»)');
  });

  it('refuses at start-up a template with a placeholder it does not know, naming it', async () => {
    const dir = editedTemplates('contratto-isd.docx', (xml) =>
      xml.replace('{comune}', '{comune_di_residenza}'),
    );
    await expect(ContractTemplates.load(dir)).rejects.toMatchObject({
      code: 'template_invalid',
      userMessage: expect.stringMatching(
        /«contratto-isd\.docx» contiene il segnaposto \{comune_di_residenza\}/,
      ),
    });
  });

  it('refuses a template with a placeholder left open, naming it', async () => {
    const dir = editedTemplates('contratto-servizi-diurni.docx', (xml) =>
      xml.replace('{unita_diurna}', '{unita_diurna'),
    );
    await expect(ContractTemplates.load(dir)).rejects.toMatchObject({
      code: 'template_invalid',
      userMessage: expect.stringContaining('«contratto-servizi-diurni.docx» non è valido'),
    });
  });

  it('checks only the templates the memo has not seen valid, and remembers them', async () => {
    const seen = new Set<string>();
    const remembered: string[][] = [];
    const memo: TemplateCheckMemo = {
      known: async (fingerprints) => new Set(fingerprints.filter((fingerprint) => seen.has(fingerprint))),
      remember: async (fingerprints) => {
        remembered.push([...fingerprints]);
        for (const fingerprint of fingerprints) seen.add(fingerprint);
      },
    };
    await ContractTemplates.load(defaultTemplatesDir, memo);
    expect(remembered.map((batch) => batch.length)).toEqual([4]);
    await ContractTemplates.load(defaultTemplatesDir, memo);
    expect(remembered).toHaveLength(1); // nothing left to check
    // A template changed since (same name, other bytes) is checked again, and refused.
    const dir = editedTemplates('contratto-isd.docx', (xml) => xml.replace('{comune}', '{comune_nuovo}'));
    await expect(ContractTemplates.load(dir, memo)).rejects.toMatchObject({ code: 'template_invalid' });
    expect(remembered).toHaveLength(1);
  });

  it('checks every template when the memo cannot answer', async () => {
    const broken: TemplateCheckMemo = {
      known: async () => Promise.reject(new Error('database down')),
      remember: async () => Promise.reject(new Error('database down')),
    };
    const dir = editedTemplates('contratto-isd.docx', (xml) => xml.replace('{comune}', '{comune_nuovo}'));
    await expect(ContractTemplates.load(dir, broken)).rejects.toMatchObject({ code: 'template_invalid' });
    await expect(ContractTemplates.load(defaultTemplatesDir, broken)).resolves.toBeInstanceOf(
      ContractTemplates,
    );
  });

  it('fingerprints a template by its name and bytes', () => {
    const bytes = readFileSync(join(defaultTemplatesDir, 'contratto-isd.docx'));
    const fingerprint = templateCheckFingerprint('contratto-isd.docx', bytes);
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(templateCheckFingerprint('contratto-isd.docx', Buffer.from(bytes))).toBe(fingerprint);
    expect(templateCheckFingerprint('contratto-altri-servizi.docx', bytes)).not.toBe(fingerprint);
    expect(templateCheckFingerprint('contratto-isd.docx', Buffer.concat([bytes, Buffer.of(0)]))).not.toBe(
      fingerprint,
    );
  });

  it('makes a PDF copy with LibreOffice when it is installed, started by the helper process', async () => {
    // As the server wires it: every program (detection, the office's probe, each conversion) is
    // started by the small helper process, never forked from the server itself.
    const started: string[] = [];
    const throughHelper: RunProgram = (file, args, options) => {
      started.push(file);
      return runProgram(file, args, options);
    };
    const pdf = await LibreOfficePdf.detect({ runProgram: throughHelper });
    expect(pdf, 'LibreOffice is installed by dev-services/ensure-services.d/libreoffice.sh').not.toBeNull();
    const templates = await ContractTemplates.load();
    // One office kept running (unoconv, also installed by that script): two documents, one start.
    expect(await pdf!.usesWarmOffice()).toBe(true);
    try {
      for (const name of ['servizi-domiciliari', 'servizi-diurni'] as const) {
        const bytes = await pdf!.toPdf(await templates.render(name, contractFields(sadSource)));
        expect(Buffer.from(bytes.slice(0, 5)).toString('latin1')).toBe('%PDF-');
      }
      expect(started.filter((file) => file === 'nice')).toHaveLength(2);
    } finally {
      pdf!.close();
    }
    expect(await LibreOfficePdf.detect({ executable: '/nonexistent/soffice' })).toBeNull();
  }, 90_000);
});
