import type { OutboxMessage } from '../outbox/outbox-message.js';
import type { IntakePlan } from './intake-decision.js';
import type { IntakeDecision } from './intake-store.js';

/**
 * The plan of a message with several forms (issue #15), from the plan of each: the forms that
 * become requests are numbered together, in order; the others' staff notices go with them, each
 * reason once. When none becomes a request, the message is decided as its first form was.
 */
export function combineFormPlans(plans: readonly IntakePlan[]): IntakePlan {
  const requests = plans.flatMap((plan) => (plan.kind === 'request' ? [plan.request] : []));
  const decided = plans.flatMap((plan) => (plan.kind === 'decided' ? [plan.decision] : []));
  const seen = new Set<string>();
  const staffMessages = decided
    .flatMap((decision) => decision.messages)
    .filter((message) => {
      const reason =
        message.channel === 'teams'
          ? JSON.stringify([message.payload.type, (message.payload as { reason?: string }).reason])
          : message.idempotencyKey;
      if (seen.has(reason)) return false;
      seen.add(reason);
      return true;
    });
  const [first, ...more] = requests;
  if (!first) return { kind: 'decided', decision: { ...decided[0]!, messages: staffMessages } };
  return { kind: 'request', request: first, more, staffMessages };
}

/** The decisions of a message's requests as one: the first's request, the others', every message. */
export function combineDecisions(
  decisions: readonly IntakeDecision[],
  staffMessages: readonly OutboxMessage[] = [],
): IntakeDecision {
  const [first, ...more] = decisions as [IntakeDecision, ...IntakeDecision[]];
  if (more.length === 0 && staffMessages.length === 0) return first;
  return {
    ...first,
    moreRequests: more.flatMap((decision) => (decision.request ? [decision.request] : [])),
    messages: [...decisions.flatMap((decision) => decision.messages), ...staffMessages],
  };
}
