/** Text from outside (a name, a subject, a reason) made safe for HTML text and attribute values. */
export function escapeHtml(value: string | number | null | undefined): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** HTML already safe for the page: built by `html` or marked by `raw`. */
export class HtmlFragment {
  constructor(private readonly markup: string) {}

  toString(): string {
    return this.markup;
  }
}

/** Markup written by Sportello itself (never text from outside), inserted as it is. */
export function raw(markup: string): HtmlFragment {
  return new HtmlFragment(markup);
}

function render(value: unknown): string {
  if (value instanceof HtmlFragment) return value.toString();
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

/**
 * The console's one way to write markup: every value is escaped for HTML text and attribute values
 * unless it is itself a fragment (`html` or `raw`); arrays are joined; null, undefined and false
 * write nothing.
 */
export function html(strings: TemplateStringsArray, ...values: readonly unknown[]): HtmlFragment {
  let markup = strings[0] ?? '';
  values.forEach((value, index) => {
    markup += render(value) + (strings[index + 1] ?? '');
  });
  return new HtmlFragment(markup);
}
