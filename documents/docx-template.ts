import Docxtemplater from 'docxtemplater';
import InspectModule from 'docxtemplater/js/inspect-module.js';
import PizZip from 'pizzip';
import { AppError } from '../domain/app-error.js';
import { contractPlaceholders, type ContractFields } from '../domain/contracts/contract-fields.js';

// docxtemplater at work on the contract templates: loaded only when a template is checked (a start
// that finds it unchecked) or filled (on the contract thread), never at a warm start.

/** Throws, naming the file and each problem in Italian, unless the template compiles with known placeholders only. */
export function validateTemplate(file: string, content: Buffer): void {
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

/** The template filled with the contract's fields, as a DOCX file. */
export function fillTemplate(file: string, content: Buffer, fields: ContractFields): Uint8Array {
  const document = compile(file, content);
  document.render(fields);
  return document.getZip().generate({ type: 'uint8array', compression: 'DEFLATE' });
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
