import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  openSync,
  readSync,
  cpSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { configurationEnvExample } from '../app/config-env-example.js';

// npm run package:deb — dist/sportello_<version>_<arch>.deb for a Debian server, with dpkg-deb alone
// (no debhelper): the compiled server (build/, made by `npm run build` just before) and its production
// dependencies under /opt/sportello, the `sportello` command, systemd units for the server and the
// nightly backup, the settings' example and the operations guide. Nothing is fetched but npm packages.

const root = fileURLToPath(new URL('..', import.meta.url));
const here = join(root, 'packaging', 'debian');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  description: string;
  engines: Record<string, string>;
  dependencies: Record<string, string>;
  overrides: Record<string, unknown>;
};

/** The Debian packages Sportello's server runs (docs/operations.md says why each). */
export const debianDepends = [
  'nodejs (>= 20.19)',
  'libc6',
  'adduser',
  'postgresql-client',
  'tesseract-ocr',
  'tesseract-ocr-ita',
  'poppler-utils',
];
export const debianRecommends = ['libreoffice-writer-nogui | libreoffice-writer', 'postgresql'];

const maintainer = 'Comunità Sociale Cremasca a.s.c. <amministrazione@comunitasocialecremasca.it>';

function put(path: string, content: string | Buffer, mode = 0o644): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  chmodSync(path, mode);
}

/** The production dependencies, installed from the lock file exactly as the tests ran them. */
function installDependencies(opt: string): void {
  const { name, version, engines, dependencies, overrides } = manifest;
  const runtime = { name, version, private: true, type: 'module', engines, dependencies, overrides };
  put(join(opt, 'package.json'), `${JSON.stringify(runtime, null, 2)}\n`);
  cpSync(join(root, 'package-lock.json'), join(opt, 'package-lock.json'));
  // No install scripts: the Prisma client is compiled into build/, the native parts come prebuilt.
  execFileSync(
    'npm',
    [
      'ci',
      '--omit=dev',
      '--ignore-scripts',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      '--loglevel=error',
    ],
    { cwd: opt, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  // esbuild compiled build/ already; a server never runs it (and its binary is static, against policy).
  for (const builder of ['esbuild', '@esbuild'])
    rmSync(join(opt, 'node_modules', builder), { recursive: true, force: true });
  pruneUnread(join(opt, 'node_modules'));
}

// Files of the libraries that no server reads: type declarations, source maps, documentation (licences
// stay), linters' and version control's files. Half of node_modules' files, a third of its size.
const unread = /\.(d\.[cm]?ts|map)$|^(\.eslintrc.*|\.npmignore|\.gitignore|\.gitattributes|\.travis\.yml)$/;
const documentation = /\.md$/i;
const licence = /^(licen[cs]e|copying|notice|authors)/i;

/** A file to run: a script with its `#!` line or an ELF executable; npm's own modes are haphazard. */
function isProgram(path: string): boolean {
  const head = Buffer.alloc(4);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, 4, 0);
  } finally {
    closeSync(fd);
  }
  return (
    head.subarray(0, 2).toString('latin1') === '#!' ||
    (head.toString('latin1') === '\x7fELF' && !path.endsWith('.node'))
  );
}

function pruneUnread(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) pruneUnread(path);
    else if (unread.test(entry.name) || (documentation.test(entry.name) && !licence.test(entry.name)))
      rmSync(path);
    else if (entry.isFile()) chmodSync(path, isProgram(path) ? 0o755 : 0o644);
  }
}

function changelog(): Buffer {
  // The last commit's date, so that the same sources give the same changelog; now, outside a clone.
  let date = new Date().toUTCString().replace('GMT', '+0000');
  try {
    date = execFileSync('git', ['log', '-1', '--format=%cD'], { cwd: root, encoding: 'utf8' }).trim() || date;
  } catch {
    // not a git checkout
  }
  const text = [
    `sportello (${manifest.version}) unstable; urgency=medium`,
    '',
    `  * Sportello ${manifest.version}: see the project's history (git log) for every change.`,
    '',
    ` -- ${maintainer}  ${date}`,
    '',
  ].join('\n');
  return gzipSync(text, { level: 9 });
}

function control(stage: string, architecture: string): string {
  const installedKb = execFileSync('du', ['-sk', '--exclude=DEBIAN', stage], { encoding: 'utf8' }).split(
    '\t',
  )[0];
  return [
    'Package: sportello',
    `Version: ${manifest.version}`,
    `Architecture: ${architecture}`,
    `Maintainer: ${maintainer}`,
    `Installed-Size: ${installedKb}`,
    `Depends: ${debianDepends.join(', ')}`,
    `Recommends: ${debianRecommends.join(', ')}`,
    'Section: misc',
    'Priority: optional',
    'Homepage: https://www.comunitasocialecremasca.it',
    `Description: ${manifest.description}`,
    ' Reads the requests the Comuni send to the office mailbox, checks them',
    ' against the rules of the disciplinare, answers with the start-of-procedure',
    ' notice or a precise request to fix the form, and serves the Teams bot,',
    ' the Teams tab and the console. Runs as the sportello system user from',
    ' /opt/sportello, configured in /etc/sportello/sportello.env; once',
    ' configured: systemctl enable --now sportello sportello-backup.timer',
    '',
  ].join('\n');
}

/** Builds the package from build/ and returns its path. */
export function buildDebianPackage(): string {
  const architecture = execFileSync('dpkg', ['--print-architecture'], { encoding: 'utf8' }).trim();
  const stage = join(root, 'dist', 'debian-root');
  rmSync(stage, { recursive: true, force: true });
  const opt = join(stage, 'opt', 'sportello');
  cpSync(join(root, 'build'), join(opt, 'build'), { recursive: true });
  installDependencies(opt);
  put(join(opt, 'bin', 'sportello'), readFileSync(join(here, 'sportello-command')), 0o755);
  mkdirSync(join(stage, 'usr', 'bin'), { recursive: true });
  symlinkSync('/opt/sportello/bin/sportello', join(stage, 'usr', 'bin', 'sportello'));
  for (const unit of ['sportello.service', 'sportello-backup.service', 'sportello-backup.timer'])
    put(join(stage, 'lib', 'systemd', 'system', unit), readFileSync(join(here, unit)));
  put(join(stage, 'usr', 'share', 'sportello', 'sportello.env.example'), configurationEnvExample());
  const doc = join(stage, 'usr', 'share', 'doc', 'sportello');
  put(join(doc, 'copyright'), readFileSync(join(here, 'copyright')));
  put(
    join(stage, 'usr', 'share', 'man', 'man1', 'sportello.1.gz'),
    gzipSync(readFileSync(join(here, 'sportello.1')), { level: 9 }),
  );
  put(join(doc, 'changelog.gz'), changelog());
  for (const page of ['operations.md', 'configuration.md', 'register.md'])
    put(join(doc, page), readFileSync(join(root, 'docs', page)));
  put(
    join(stage, 'usr', 'share', 'lintian', 'overrides', 'sportello'),
    readFileSync(join(here, 'lintian-overrides')),
  );
  for (const script of ['postinst', 'prerm', 'postrm'])
    put(join(stage, 'DEBIAN', script), readFileSync(join(here, script)), 0o755);
  put(join(stage, 'DEBIAN', 'control'), control(stage, architecture));
  const file = join(root, 'dist', `sportello_${manifest.version}_${architecture}.deb`);
  execFileSync('dpkg-deb', ['--root-owner-group', '-Zgzip', '--build', stage, file], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return file;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = buildDebianPackage();
  console.log(`Pacchetto scritto in ${file}.`);
}
