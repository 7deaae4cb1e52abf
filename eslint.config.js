// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
  { ignores: ['node_modules/**', 'data/**', 'build/**', 'prisma/generated/**', 'test-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
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
              group: ['**/mail/**', '**/bot/**', '**/prisma/**', '**/app/**', '**/services/**'],
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
