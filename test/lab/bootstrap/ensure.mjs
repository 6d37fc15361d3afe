#!/usr/bin/env node
// Installs everything `npm start`, `npm test` and the lab need, idempotently and quickly when warm:
// npm dependencies, the Python tools (moto, cfn-lint) in a project-local virtualenv, the Kafka and
// Connect jars through Maven, and Prometheus and openssl from the OS packages. Stops with a clear message naming
// what to install when a prerequisite is missing. No dependencies: it runs before `npm install`.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '../../..');
const cache = join(root, '.cache');
const quiet = process.argv.includes('--quiet');
const log = (msg) => quiet || console.error(`[setup] ${msg}`);
// What this run installed, for the last line; the first install step says why it happens.
const installed = [];
const forScript = (process.env.npm_lifecycle_event ?? '').replace(/^pre/, '') || 'the lab';
function installing(what) {
  if (installed.length === 0)
    log(
      `installing what ${forScript === 'the lab' ? 'the lab' : `\`npm ${forScript}\``} needs (first run, or its inputs changed; later runs skip this):`,
    );
  installed.push(what);
  log(`- ${what}`);
}

function fail(what, how) {
  console.error(`\n[setup] Missing prerequisite: ${what}.\n[setup] Install it with: ${how}\n`);
  process.exit(2);
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: quiet ? 'pipe' : 'inherit', ...opts });
  if (r.status !== 0) {
    const out = r.stderr ? r.stderr.toString().slice(-2000) : '';
    console.error(`[setup] '${cmd} ${args.join(' ')}' failed (exit ${r.status}). ${out}`);
    process.exit(r.status ?? 1);
  }
}

/** What `cmd args` prints (stdout and stderr: `java -version` uses stderr), or undefined if absent. */
function versionOf(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return r.error ? undefined : `${r.stdout}${r.stderr}`;
}

/** Runs `step` only when the fingerprint of its inputs changed since the last success. */
function once(name, inputs, step) {
  const stamp = join(cache, 'stamps', `${name}.sha`);
  const sha = createHash('sha256');
  for (const input of inputs) sha.update(existsSync(input) ? readFileSync(input) : input);
  const digest = sha.digest('hex');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === digest) return;
  step();
  mkdirSync(join(cache, 'stamps'), { recursive: true });
  writeFileSync(stamp, digest);
}

// --- prerequisites -------------------------------------------------------------------------
const [major] = process.versions.node.split('.').map(Number);
if (major < 20) fail('Node.js 20 or newer', 'your OS packages or https://nodejs.org (then re-run)');

const java = versionOf('java', ['-version']);
const javaMajor = Number(/version "(\d+)/.exec(java ?? '')?.[1] ?? 0);
if (!java || javaMajor < 17)
  fail(`Java 17+ (found: ${java ? javaMajor : 'none'})`, 'apt-get install -y openjdk-17-jdk-headless');
if (!versionOf('mvn', ['-v'])) fail('Maven', 'apt-get install -y maven');
const python = versionOf('python3', ['--version']);
if (!python) fail('Python 3', 'apt-get install -y python3 python3-venv');

mkdirSync(cache, { recursive: true });

// --- npm dependencies ----------------------------------------------------------------------
// A fresh clone gets exactly the lock file (npm ci); an existing tree is topped up in place so that
// processes already running from node_modules keep working.
once('npm', [join(root, 'package-lock.json')], () => {
  const fresh = !existsSync(join(root, 'node_modules'));
  installing(`npm packages into node_modules (${fresh ? 'npm ci' : 'npm install'}, from package-lock.json)`);
  run('npm', [fresh ? 'ci' : 'install', '--no-audit', '--no-fund']);
});

// --- Python tools in a project-local virtualenv ---------------------------------------------
const venv = join(cache, 'venv');
once('python', [join(root, 'test/lab/bootstrap/requirements.txt')], () => {
  installing(
    'Python tools moto (the AWS stand-in) and cfn-lint into .cache/venv (pip, test/lab/bootstrap/requirements.txt)',
  );
  if (!existsSync(join(venv, 'bin/python'))) {
    log('creating the Python virtualenv in .cache/venv');
    const r = spawnSync('python3', ['-m', 'venv', venv], { stdio: 'inherit' });
    if (r.status !== 0) fail('the Python venv module', 'apt-get install -y python3-venv');
  }
  run(join(venv, 'bin/pip'), ['install', '-q', '-r', 'test/lab/bootstrap/requirements.txt']);
});

// --- Kafka and Connect jars through Maven ---------------------------------------------------
const jarSets = [
  { name: 'connect', pom: 'docker/kafka-connect/pom.xml', what: 'Kafka Connect and MirrorMaker 2' },
  { name: 'broker', pom: 'test/lab/kafka/pom.xml', what: 'Kafka broker' },
];
for (const { name, pom, what } of jarSets) {
  once(`jars-${name}`, [join(root, pom)], () => {
    installing(`the ${what} jars into .cache/jars/${name} (Maven, ${pom})`);
    // A fresh folder: a jar dropped from the pom must leave the classpath too.
    rmSync(join(cache, 'jars', name), { recursive: true, force: true });
    run('mvn', [
      '-q',
      '-B',
      `-Dmaven.repo.local=${join(cache, 'm2')}`,
      '-f',
      pom,
      'dependency:copy-dependencies',
      `-DoutputDirectory=${join(cache, 'jars', name)}`,
      '-DoverWriteReleases=true',
    ]);
  });
}

// --- OS packages: Prometheus (server and promtool), openssl (the lab's certificates) ---------
const osPackages = [
  {
    name: 'prometheus',
    what: 'Prometheus (prometheus and promtool)',
    present: () => versionOf('prometheus', ['--version']) && versionOf('promtool', ['--version']),
  },
  {
    name: 'openssl',
    what: "openssl (the lab's SCRAM and mTLS listeners need certificates)",
    present: () => versionOf('openssl', ['version']),
  },
];
const missing = osPackages.filter((p) => !p.present());
if (missing.length > 0) {
  const names = missing.map((p) => p.name);
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!asRoot || !versionOf('apt-get', ['--version'])) {
    fail(missing.map((p) => p.what).join(' and '), `sudo apt-get install -y ${names.join(' ')}`);
  }
  installing(`${names.join(', ')} from the OS packages (apt-get)`);
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...names], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}
log(
  installed.length > 0
    ? `ready: installed ${installed.length} item(s) above`
    : 'ready (everything already installed)',
);
