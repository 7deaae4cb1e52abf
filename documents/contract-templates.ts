import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import docxtemplaterPackage from 'docxtemplater/package.json' with { type: 'json' };
import { AppError } from '../domain/app-error.js';
import {
  contractPlaceholders,
  type ContractFields,
  type ContractTemplateName,
} from '../domain/contracts/contract-fields.js';

const templateNames: readonly ContractTemplateName[] = [
  'servizi-domiciliari',
  'servizi-diurni',
  'isd',
  'altri-servizi',
];

/** Where the Word templates of the CONTRATTO DI AVVIO live by default (editable in Word). */
export const defaultTemplatesDir = new URL('./templates/', import.meta.url).pathname;

export const fileNameOf = (name: ContractTemplateName) => `contratto-${name}.docx`;

/**
 * Which templates were found valid before, by fingerprint (kept in the database): a start that
 * finds every fingerprint known skips the check and docxtemplater with it.
 */
export interface TemplateCheckMemo {
  /** The fingerprints among these that were checked before. */
  known(fingerprints: readonly string[]): Promise<ReadonlySet<string>>;
  remember(fingerprints: readonly string[]): Promise<void>;
}

// What the check's verdict depends on besides the bytes: bump the revision when the check changes.
const checkBasis = JSON.stringify({
  revision: 1,
  docxtemplater: docxtemplaterPackage.version,
  placeholders: Object.keys(contractPlaceholders).sort(),
});

/** The fingerprint of a template's check: its name and bytes, and everything the verdict depends on. */
export function templateCheckFingerprint(file: string, content: Uint8Array): string {
  return createHash('sha256').update(checkBasis).update(`\0${file}\0`).update(content).digest('hex');
}

/**
 * The Word templates of the CONTRATTO DI AVVIO, read and checked once at start-up: a template that
 * Word saved with a broken or unknown placeholder stops Sportello with a message naming it, rather
 * than producing a wrong contract later. Placeholders are `{nome}`; Word may split them across
 * runs of text (spell checking, formatting) and they still work.
 */
export class ContractTemplates {
  private constructor(private readonly templates: ReadonlyMap<ContractTemplateName, Buffer>) {}

  /**
   * Reads and checks the templates; with a memo, only those it has not seen valid before. The memo
   * may still be coming (the database opening): the files are read meanwhile.
   */
  static async load(
    dir: string = defaultTemplatesDir,
    memoComing: TemplateCheckMemo | Promise<TemplateCheckMemo> | null = null,
  ): Promise<ContractTemplates> {
    const templates = new Map<ContractTemplateName, Buffer>();
    for (const name of templateNames) templates.set(name, await readTemplate(dir, fileNameOf(name)));
    const memo = await memoComing;
    const fingerprints = new Map(
      [...templates].map(([name, content]) => [name, templateCheckFingerprint(fileNameOf(name), content)]),
    );
    // The memo only spares work: should it fail, every template is checked (and the next start tries again).
    const none: ReadonlySet<string> = new Set();
    const known = memo ? await memo.known([...fingerprints.values()]).catch(() => none) : none;
    const unchecked = templateNames.filter((name) => !known.has(fingerprints.get(name)!));
    if (unchecked.length > 0) {
      const { validateTemplate } = await import('./docx-template.js');
      for (const name of unchecked) validateTemplate(fileNameOf(name), templates.get(name)!);
      await memo?.remember(unchecked.map((name) => fingerprints.get(name)!)).catch(() => undefined);
    }
    return new ContractTemplates(templates);
  }

  /**
   * Templates already read and checked by `load` (a thread that renders them is handed their
   * bytes, so it fills exactly what was checked).
   */
  static ofChecked(templates: ReadonlyMap<ContractTemplateName, Uint8Array>): ContractTemplates {
    const view = (content: Uint8Array) => Buffer.from(content.buffer, content.byteOffset, content.byteLength);
    return new ContractTemplates(new Map([...templates].map(([name, content]) => [name, view(content)])));
  }

  /** Each template's bytes, as read and checked. */
  files(): ReadonlyMap<ContractTemplateName, Uint8Array> {
    return this.templates;
  }

  /** The filled contract as a DOCX file. */
  async render(name: ContractTemplateName, fields: ContractFields): Promise<Uint8Array> {
    const { fillTemplate } = await import('./docx-template.js');
    return fillTemplate(fileNameOf(name), this.templates.get(name)!, fields);
  }
}

async function readTemplate(dir: string, file: string): Promise<Buffer> {
  try {
    return await readFile(join(dir, file));
  } catch (error) {
    throw new AppError('template_invalid', `Contract template ${file} not readable`, {
      cause: error,
      userMessage: `Il modello di contratto «${file}» non è presente nella cartella ${dir}.`,
      details: { file },
    });
  }
}
