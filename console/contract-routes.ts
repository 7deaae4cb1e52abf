import { isProtocolText } from '../domain/requests/protocol-number.js';
import type { Request, Response, Router } from 'express';
import type { Caller } from '../services/access/caller.js';
import type { ContractCardActions } from '../services/contracts/contract-card-actions.js';
import type { DecisionResult } from '../services/contracts/contract-decisions.js';
import { requestHref } from './request-page.js';
import { requirePost, type SignedIn } from './console-guards.js';

/** What a contract action came to, as a code the request's page turns into a sentence. */
const outcomes: Record<string, string> = {
  fatto: 'Fatto: il contratto è aggiornato e le comunicazioni sono in partenza.',
  superato: 'Il contratto è stato aggiornato da qualcun altro nel frattempo: controllare lo stato qui sotto.',
  negato: "Solo il personale dell'Ufficio Amministrazione può agire sui contratti.",
  motivo: 'Indicare il motivo.',
  errore: "L'operazione non è riuscita: riprovare.",
};

/** The sentence of an outcome code from the address bar (never the bar's own text). */
export function contractOutcome(code: unknown): string | null {
  return typeof code === 'string' ? (outcomes[code] ?? null) : null;
}

/**
 * The actions of the Teams card on the request's page (staff only, the same use cases and audit as
 * in Teams): approve or not approve a draft, record the provider's signed copy or refusal. Each
 * goes back to the request's page with its outcome.
 */
export function mountContractActions(
  router: Router,
  contracts: ContractCardActions,
  signedIn: SignedIn,
): void {
  const act =
    (
      run: (
        caller: Caller,
        contractId: string,
        form: Record<string, unknown>,
      ) => Promise<DecisionResult | 'motivo'>,
    ) =>
    async (request: Request, response: Response) => {
      const caller = await requirePost(request, response, signedIn);
      if (!caller) return;
      const contractId = String(request.params['id']);
      const form = request.body as Record<string, unknown>;
      const result = await run(caller, contractId, form);
      const protocol = result === 'motivo' || result.outcome === 'not_found' ? null : result.card?.protocol;
      const code =
        result === 'motivo'
          ? 'motivo'
          : result.outcome === 'decided'
            ? 'fatto'
            : result.outcome === 'stale'
              ? 'superato'
              : result.outcome === 'forbidden'
                ? 'negato'
                : 'errore';
      const back = isProtocolText(form['pratica']) ? form['pratica'] : protocol;
      response.redirect(303, back ? `${requestHref(back)}?esito=${code}` : '/console/pratiche');
    };
  const reasonOf = (form: Record<string, unknown>) =>
    String(form['motivo'] ?? '')
      .trim()
      .slice(0, 500);
  router.post(
    '/contratti/:id/decisione',
    act(async (caller, contractId, form) => {
      const decision = form['decisione'] === 'rejected' ? 'rejected' : 'approved';
      const reason = reasonOf(form);
      if (decision === 'rejected' && !reason) return 'motivo';
      return contracts.decide(caller, {
        contractId,
        version: Number(form['versione']),
        decision,
        reason: reason || null,
      });
    }),
  );
  router.post(
    '/contratti/:id/esito',
    act(async (caller, contractId, form) => {
      const outcome = form['esito'] === 'refused' ? 'refused' : 'returned';
      const reason = reasonOf(form);
      if (outcome === 'refused' && !reason) return 'motivo';
      return contracts.recordReturn(caller, { contractId, outcome, reason: reason || null });
    }),
  );
  router.post(
    '/contratti/:id/fase-d',
    act(async (caller, contractId, form) => {
      const operatorName = String(form['operatore'] ?? '')
        .trim()
        .slice(0, 80);
      return contracts.markPhaseD(caller, {
        contractId,
        version: Number(form['versione']),
        operatorName: operatorName || null,
      });
    }),
  );
}
