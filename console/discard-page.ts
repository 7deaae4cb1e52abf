import { formatShortItalianDate } from '../domain/calendar/italian-date-format.js';
import type { DiscardCandidate } from '../services/retention/retention.js';
import { html, type HtmlFragment } from './html.js';

/** «Scarto dei fascicoli»: the people whose file may be discarded, each with its approval. */
export function discardBody(proposals: readonly DiscardCandidate[], notice: HtmlFragment | ''): HtmlFragment {
  const intro = html`<h1>Scarto dei fascicoli</h1><p class="muted">Le persone il cui ultimo progetto è terminato da oltre il periodo di conservazione. Approvando lo scarto i dati della persona sono resi anonimi (nome, codice fiscale, moduli, messaggi e documenti); restano le registrazioni di protocollo e le impronte. L'operazione è registrata e non si annulla.</p>`;
  if (proposals.length === 0) return html`${intro}${notice}<p>Nessun fascicolo da scartare.</p>`;
  const rows = proposals.map(
    (proposal) =>
      html`<tr><td>${proposal.beneficiary}</td><td>${proposal.taxCode}</td><td>${formatShortItalianDate(proposal.lastProjectEnd)}</td><td><form method="post" action="/console/scarto/${proposal.id}/approva"><button type="submit">Approva lo scarto</button></form></td></tr>`,
  );
  return html`${intro}${notice}<table><thead><tr><th scope="col">Persona</th><th scope="col">Codice fiscale</th><th scope="col">Fine dell'ultimo progetto</th><th scope="col">Azione</th></tr></thead><tbody>${rows}</tbody></table>`;
}
