import { configSchema } from './config-schema.js';

// The configuration's reference, written from the schema's own descriptions and defaults, so that
// docs/configuration.md cannot drift from what Sportello reads (`npm run docs:config`).

const sections: [string, RegExp][] = [
  ['Server', /^(SPORTELLO_|HTTP_|LOG_LEVEL|PUBLIC_BASE_URL)/],
  ['Database and demo data', /^(DATABASE_|EMBEDDED_|DEMO_)/],
  [
    'Mail: mailbox, relay, authentication',
    /^(IMAP_|SMTP_|LMTP_|OAUTH_|MAIL_FROM|MAIL_OWN|MAIL_AUTH|PEC_|SIGNATURE_)/,
  ],
  ['Mail: reading and replying', /^(MAIL_|PROCEDURE_|REQUEST_NUMBER|OUTBOX_)/],
  ['Teams bot and console', /^(BOT_|Microsoft|Certificate|TEAMS_|CONSOLE_)/],
  ['Contracts and calendar', /^(CONTRACT_|DOCUMENT_|SCHEDULER_)/],
  ['Protocol register and retention', /^(PROTOCOL_|RETENTION_)/],
  ['Metrics', /^(METRICS_|OTEL_)/],
  ['Backups', /^BACKUP_/],
];

interface SchemaNode {
  readonly description?: string | undefined;
  readonly _zod: {
    readonly def: { readonly type: string; readonly defaultValue?: unknown; readonly innerType?: SchemaNode };
  };
}

/** The default a variable takes when unset, as written in the environment; null when it has none. */
function defaultOf(node: SchemaNode): string | null {
  const { def } = node._zod;
  if (def.type === 'default') return String(def.defaultValue);
  return def.innerType ? defaultOf(def.innerType) : null;
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** One variable of the configuration, as the reference and the installation's example show it. */
export interface ConfigurationEntry {
  readonly section: string;
  readonly name: string;
  /** The default it takes when unset, as written in the environment; null when it has none. */
  readonly fallback: string | null;
  readonly description: string;
}

/** Every variable, grouped by concern in the reference's order; throws on one without a section. */
export function configurationEntries(): ConfigurationEntry[] {
  const entries = Object.entries(configSchema.shape as Record<string, SchemaNode>);
  const placed = new Set<string>();
  const result: ConfigurationEntry[] = [];
  for (const [section, pattern] of sections)
    for (const [name, node] of entries.filter(([name]) => pattern.test(name) && !placed.has(name))) {
      placed.add(name);
      result.push({ section, name, fallback: defaultOf(node), description: node.description ?? '' });
    }
  const unplaced = entries.filter(([name]) => !placed.has(name)).map(([name]) => name);
  if (unplaced.length > 0)
    throw new Error(`configuration variables without a section: ${unplaced.join(', ')}`);
  return result;
}

/** docs/configuration.md: one table per concern, every variable with its default and meaning. */
export function configurationReference(): string {
  const parts = [
    '# Configuration',
    '',
    'Sportello reads its environment once at start-up (`app/config.ts`, validated with zod); a wrong value',
    'stops it with one message listing every problem. This page is written from the schema',
    '(`app/config-schema.ts`) by `npm run docs:config`; a test fails when it is out of date.',
    '',
  ];
  let section = '';
  for (const entry of configurationEntries()) {
    if (entry.section !== section) {
      if (section !== '') parts.push('');
      section = entry.section;
      parts.push(`## ${section}`, '', '| variable | default | meaning |', '|---|---|---|');
    }
    const fallback = entry.fallback === null ? '—' : `\`${cell(entry.fallback)}\``;
    parts.push(`| \`${entry.name}\` | ${fallback} | ${cell(entry.description)} |`);
  }
  parts.push('');
  return parts.join('\n');
}
