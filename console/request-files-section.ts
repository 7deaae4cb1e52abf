import { html, type HtmlFragment } from './html.js';
import { requestHref } from './request-page.js';

/** The documents of the request's message on its page: each to download. */
export function filesSection(
  protocol: string,
  listed:
    { files: readonly { index: number; fileName: string; size: number }[]; withheld: number } | undefined,
): HtmlFragment | '' {
  if (!listed) return '';
  const { files, withheld } = listed;
  const items = files.map(
    (file) =>
      html`<li><a href="${requestHref(protocol)}/allegati/${file.index}">${file.fileName}</a> <span class="muted">(${Math.max(1, Math.round(file.size / 1024))} KB)</span></li>`,
  );
  const others =
    withheld > 0
      ? html`<p class="muted">Il messaggio conteneva più moduli: ${withheld === 1 ? 'un altro documento riguarda' : `altri ${withheld} documenti riguardano`} altre pratiche e non ${withheld === 1 ? 'è mostrato' : 'sono mostrati'} qui.</p>`
      : '';
  const none = withheld > 0 ? '' : html`<p>Il messaggio non aveva allegati: il modulo era nel testo.</p>`;
  return html`<h2>Documenti del messaggio</h2>${items.length > 0 ? html`<ul>${items}</ul>` : none}${others}`;
}
