import { MessageFactory, type Activity } from 'botbuilder';

/**
 * A Teams message shown exactly as written. Teams reads message text as markdown by default, so a
 * subject like `[Verifica urgente](https://phish.example)` or a surname written as a link would
 * render as a link: every text Sportello sends carries values from outside, so none is markdown.
 */
export function plainText(text: string): Partial<Activity> {
  return { ...MessageFactory.text(text), textFormat: 'plain' };
}
