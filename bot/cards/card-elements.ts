import { withoutMarkdown } from './card-markdown.js';

/** Adaptive Card JSON (schema 1.5). */
export type AdaptiveCard = { type: 'AdaptiveCard'; [key: string]: unknown };

/** A whole card: Teams' schema and version, its body, its actions and anything else it needs (refresh). */
export function adaptiveCard(
  body: readonly unknown[],
  actions?: readonly unknown[],
  extra: Record<string, unknown> = {},
): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    ...extra,
    body,
    ...(actions ? { actions } : {}),
  };
}

/** A text block: text from outside is shown as plain characters, never as markdown. */
export function text(value: string, extra: Record<string, unknown> = {}) {
  return { type: 'TextBlock', text: withoutMarkdown(value), wrap: true, ...extra };
}

/** Facts as title and value, both plain characters. */
export function factSet(facts: readonly { title: string; value: string }[]) {
  return {
    type: 'FactSet',
    facts: facts.map((fact) => ({ title: withoutMarkdown(fact.title), value: withoutMarkdown(fact.value) })),
  };
}

/**
 * A button that opens a reason to type and its confirmation (rejecting a contract, recording a
 * refusal, cancelling a change): the reason is required.
 */
export function reasonAction(input: {
  readonly title: string;
  readonly explanation?: string;
  readonly label: string;
  readonly errorMessage: string;
  readonly confirm: string;
  readonly verb: string;
  readonly data: Record<string, unknown>;
}) {
  return {
    type: 'Action.ShowCard',
    title: input.title,
    card: {
      type: 'AdaptiveCard',
      body: [
        ...(input.explanation ? [text(input.explanation)] : []),
        {
          type: 'Input.Text',
          id: 'reason',
          label: input.label,
          isMultiline: true,
          maxLength: 500,
          isRequired: true,
          errorMessage: input.errorMessage,
        },
      ],
      actions: [
        {
          type: 'Action.Execute',
          title: input.confirm,
          verb: input.verb,
          data: input.data,
          style: 'destructive',
        },
      ],
    },
  };
}
