// @ts-check
import js from '@eslint/js';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import tseslint from 'typescript-eslint';

const root = dirname(fileURLToPath(import.meta.url));
const sourceFolders = ['app', 'bot', 'console', 'documents', 'domain', 'gecas', 'mail', 'prisma', 'services'];
const importPattern = /(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]/g;

/** The project's modules that take part in an import cycle (type imports included), each with its circle. */
function modulesInCycles() {
  const files = sourceFolders.flatMap((folder) =>
    readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts') && !file.includes('generated'))
      .map((file) => join(folder, file)),
  );
  const known = new Set(files);
  const graph = new Map(
    files.map((file) => {
      const source = readFileSync(join(root, file), 'utf8');
      const targets = [...source.matchAll(importPattern)]
        .map((match) => normalize(join(dirname(file), match[1].replace(/\.js$/, '.ts'))))
        .filter((target) => known.has(target));
      return [file, targets];
    }),
  );
  // Tarjan's strongly connected components: a component of more than one module is a cycle.
  const index = new Map();
  const low = new Map();
  const stack = [];
  const inCycle = new Map();
  const visit = (file) => {
    index.set(file, index.size);
    low.set(file, index.get(file));
    stack.push(file);
    for (const target of graph.get(file) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file), low.get(target)));
      } else if (stack.includes(target)) low.set(file, Math.min(low.get(file), index.get(target)));
    }
    if (low.get(file) !== index.get(file)) return;
    const component = [];
    for (let member = stack.pop(); ; member = stack.pop()) {
      component.push(member);
      if (member === file) break;
    }
    component.sort();
    if (component.length > 1) for (const member of component) inCycle.set(member, component);
  };
  for (const file of files) if (!index.has(file)) visit(file);
  return inCycle;
}

let cycles;
/** `sportello/no-import-cycles`: a module may not reach itself through its imports. */
const noImportCycles = {
  meta: {
    type: 'problem',
    schema: [],
    messages: { cycle: 'Import cycle: {{members}}. Move the shared types to a file of their own.' },
  },
  create(context) {
    return {
      Program(node) {
        cycles ??= modulesInCycles();
        const circle = cycles.get(relative(root, context.filename));
        if (circle) context.report({ node, messageId: 'cycle', data: { members: circle.join(' ↔ ') } });
      },
    };
  },
};

/** I/O libraries and Node built-ins that must never reach the pure domain core. */
const ioModules = [
  'fs',
  'fs/*',
  'node:*',
  'path',
  'os',
  'net',
  'http',
  'https',
  'child_process',
  'worker_threads',
  'crypto',
  'stream',
  'zlib',
  'dns',
  'tls',
  'url',
  'util',
  'events',
  'buffer',
  'process',
  '@prisma/*',
  'prisma',
  'pg',
  '@electric-sql/*',
  'pg-boss',
  'botbuilder',
  'botbuilder-*',
  '@microsoft/*',
  'restify',
  'express',
  'imapflow',
  'mailparser',
  'nodemailer',
  'smtp-server',
  'pino',
  'pino-*',
  'unpdf',
  'mammoth',
  'docxtemplater',
  'pizzip',
  'exceljs',
  'xlsx',
];

/** The adapters: each talks to one outside world and none imports another. */
const adapters = ['mail', 'bot', 'console', 'prisma', 'documents', 'gecas'];

/** Import patterns reaching each of `folders` from anywhere in the repository. */
const reaching = (folders) => folders.flatMap((folder) => [`**/${folder}/**`, `../${folder}/**`]);

/**
 * The floors (ARCHITECTURE.md): domain/ at the bottom, services/ (the use cases) on it, the
 * adapters on both, app/ (wiring) at the top. Arrows only point down.
 */
const layering = [
  ...adapters.map((adapter) => ({
    files: [`${adapter}/**/*.ts`],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: reaching([...adapters.filter((other) => other !== adapter), 'app']),
              message: `${adapter}/ is an adapter: it may use services/ and domain/, never another adapter or app/.`,
            },
            ...(adapter === 'prisma'
              ? [
                  {
                    // The repositories implement the services' interfaces; they never run a use case.
                    group: ['**/services/*/*.js', '!**/services/outbox/outbox-message.js'],
                    allowTypeImports: true,
                    message:
                      'prisma/ implements the interfaces of services/ (import type); it never runs a use case.',
                  },
                ]
              : []),
          ],
        },
      ],
    },
  })),
  {
    files: ['services/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: reaching([...adapters, 'app']),
              message: 'services/ owns its interfaces: adapters implement them, app/ wires them.',
            },
          ],
        },
      ],
    },
  },
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'data/**',
      'build/**',
      'prisma/generated/**',
      'test-artifacts/**',
      'dist/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { sportello: { rules: { 'no-import-cycles': noImportCycles } } },
    rules: {
      'sportello/no-import-cycles': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration only in app/config.ts.' },
      ],
    },
  },
  {
    files: ['domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ioModules, message: 'domain/ is pure: no I/O libraries or Node built-ins.' },
            {
              group: [
                '**/mail/**',
                '**/bot/**',
                '**/prisma/**',
                '**/app/**',
                '**/services/**',
                '**/console/**',
                '**/documents/**',
                '**/gecas/**',
              ],
              message: 'domain/ depends on nothing else in the project.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'domain/ is pure.' },
        { name: 'fetch', message: 'domain/ is pure.' },
        { name: 'setTimeout', message: 'domain/ is pure: time comes from the caller.' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Pass the clock in.' },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Pass the clock in.',
        },
      ],
    },
  },
  ...layering,
  {
    // Plain-JavaScript modules that run without the TypeScript loader: the embedded database's
    // thread and the build script.
    files: ['**/*.mjs'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', performance: 'readonly' },
    },
  },
  {
    // CommonJS preloads run inside other programs (the Agents Playground).
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', process: 'readonly', module: 'writable' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The Prisma CLI's own config and the tests may read the environment directly.
    files: ['app/config.ts', 'prisma.config.ts', 'test/**/*.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
);
