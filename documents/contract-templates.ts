import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Docxtemplater from 'docxtemplater';
import InspectModule from 'docxtemplater/js/inspect-module.js';
import PizZip from 'pizzip';
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
 * The Word templates of the CONTRATTO DI AVVIO, read and checked once at start-up: a template that
 * Word saved with a broken or unknown placeholder stops Sportello with a message naming it, rather
 * than producing a wrong contract later. Placeholders are `{nome}`; Word may split them across
 * runs of text (spell checking, formatting) and they still work.
 */
export class ContractTemplates {
  private constructor(private readonly templates: ReadonlyMap<ContractTemplateName, Buffer>) {}

  static async load(dir: string = defaultTemplatesDir): Promise<ContractTemplates> {
    const templates = new Map<ContractTemplateName, Buffer>();
    for (const name of templateNames) {
      const file = fileNameOf(name);
      let content: Buffer;
      try {
        content = await readFile(join(dir, file));
      } catch (error) {
        throw new AppError('template_invalid', `Contract template ${file} not readable`, {
          cause: error,
          userMessage: `Il modello di contratto «${file}» non è presente nella cartella ${dir}.`,
          details: { file },
        });
      }
      validateTemplate(file, content);
      templates.set(name, content);
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
  render(name: ContractTemplateName, fields: ContractFields): Uint8Array {
    const document = compile(fileNameOf(name), this.templates.get(name)!);
    document.render(fields);
    return document.getZip().generate({ type: 'uint8array', compression: 'DEFLATE' });
  }
}

function compile(
  file: string,
  content: Buffer,
  modules: Docxtemplater.DXT.Module[] = [],
): Docxtemplater<PizZip> {
  try {
    return new Docxtemplater(new PizZip(content), {
      paragraphLoop: true,
      linebreaks: true,
      // An empty field prints a dash, never "undefined".
      nullGetter: () => '—',
      modules,
    });
  } catch (error) {
    throw templateError(file, error);
  }
}

function validateTemplate(file: string, content: Buffer): void {
  // The package's typings describe the CommonJS export as a namespace; at run time it is the class
  // itself, which its prototype names (read untyped, then typed here once).
  const Inspector: new () => Docxtemplater.DXT.Module & { getAllTags(): Record<string, unknown> } =
    Reflect.get(InspectModule, 'prototype').constructor;
  const inspector = new Inspector();
  compile(file, content, [inspector]);
  const known = new Set(Object.keys(contractPlaceholders));
  const unknown = collectTags(inspector.getAllTags()).filter((tag) => !known.has(tag));
  if (unknown.length > 0) {
    throw new AppError('template_invalid', `Unknown placeholders in ${file}: ${unknown.join(', ')}`, {
      userMessage: `Il modello di contratto «${file}» contiene ${unknown.length === 1 ? 'il segnaposto' : 'i segnaposti'} ${unknown.map((tag) => `{${tag}}`).join(', ')} che Sportello non conosce. Correggere il modello in Word; i segnaposti disponibili sono: ${[...known].map((tag) => `{${tag}}`).join(', ')}.`,
      details: { file, unknown },
    });
  }
}

function collectTags(tags: Record<string, unknown>): string[] {
  return Object.entries(tags).flatMap(([tag, inner]) => [
    tag,
    ...(inner && typeof inner === 'object' ? collectTags(inner as Record<string, unknown>) : []),
  ]);
}

interface TemplateErrorDetail {
  properties?: { id?: string; xtag?: string; context?: string; explanation?: string };
}

function templateError(file: string, error: unknown): AppError {
  const details = (
    (error as { properties?: { errors?: TemplateErrorDetail[] } }).properties?.errors ?? [
      error as TemplateErrorDetail,
    ]
  ).map((item) => item.properties ?? {});
  const described = details.map((detail) => {
    const tag = detail.xtag ?? detail.context ?? '?';
    switch (detail.id) {
      case 'unclosed_tag':
        return `il segnaposto «{${tag}» non è chiuso da «}»`;
      case 'unopened_tag':
        return `il segnaposto «${tag}}» non è aperto da «{»`;
      case 'unclosed_loop':
      case 'closing_tag_does_not_match_opening_tag':
        return `l'elenco «{#${tag}}» non è chiuso correttamente`;
      default:
        return `il segnaposto «${tag}» non è valido`;
    }
  });
  return new AppError('template_invalid', `Contract template ${file} does not compile`, {
    cause: error,
    userMessage: `Il modello di contratto «${file}» non è valido: ${described.join('; ')}. Correggerlo in Word.`,
    details: { file, errors: details.map((detail) => detail.id ?? 'unknown') },
  });
}
