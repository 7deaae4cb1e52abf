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
              group: ['**/mail/**', '**/bot/**', '**/prisma/**', '**/app/**'],
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
