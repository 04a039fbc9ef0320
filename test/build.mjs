#!/usr/bin/env node
// `npm run build`: the shipped dist/. It lives under test/ with the other developer tooling (the test runner and
// the benchmark) because nothing here ships: the package's `files` are bin/, dist/ and the notices.
//
// One esbuild bundle, one file, minified, with the six runtime packages inlined (the package installs no
// dependencies). One file because node reads and compiles a module per import: the 86 chunks code splitting made cost
// a verify more in module loading than they saved in parsing (V8 compiles a function only when it first runs, so
// the code a command never calls costs little but the bytes). Then, from the same build:
// - files of earlier builds are removed, so `npm pack` ships only what this build made;
// - `--help` and `--version` are rendered once with the real command tree (bin/mx-iav.js answers them without
//   loading it);
// - THIRD-PARTY-NOTICES.md is written from the packages esbuild actually inlined, with their licence texts.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const QUICK_ANSWERS = join(dist, 'quick-answers.json');
const started = Date.now();

const result = await build({
  absWorkingDir: root,
  entryPoints: ['src/cli/main.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  outdir: 'dist',
  // Names stay (keepNames): errors are told apart and debug stacks read by their class and function names.
  minify: true,
  keepNames: true,
  // commander and a few inlined packages are CommonJS and call require() for Node's built-ins.
  banner: { js: "import { createRequire as __mxIavRequire } from 'node:module'; const require = __mxIavRequire(import.meta.url);" },
  // Maps are read only under --debug (bin/mx-iav.js); without the sources inlined they stay small, and stacks
  // still name src/…/file.ts:line.
  sourcemap: 'linked',
  sourcesContent: false,
  metafile: true,
  logLevel: 'warning',
  plugins: [lazyHttp2Wrapper(), silentDebug(), withoutGotCaches(), withoutUnusedParts(), precompiledProfileValidator()],
});

const outputs = new Set(Object.keys(result.metafile.outputs).map((file) => join(root, file)));
checkOnlyBuiltinsExternal(result.metafile);
pruneStale(dist, outputs);
writeQuickAnswers();
writeNotices(result.metafile);

/**
 * got imports http2-wrapper at load, and http2-wrapper builds a TLS socket at load (about 20 ms: the root
 * certificates), yet got touches it only for `http2: true`, which mx-iav never sets. got gets an object whose two
 * properties it reads load the real module on first use.
 */
function lazyHttp2Wrapper() {
  const contents = `module.exports = {
  get globalAgent() { return require('http2-wrapper').globalAgent; },
  get auto() { return require('http2-wrapper').auto; },
};`;
  return {
    name: 'lazy-http2-wrapper',
    setup(plugin) {
      plugin.onResolve({ filter: /^http2-wrapper$/ }, (args) =>
        args.namespace === 'lazy-http2-wrapper' ? undefined : { path: args.path, namespace: 'lazy-http2-wrapper' },
      );
      plugin.onLoad({ filter: /.*/, namespace: 'lazy-http2-wrapper' }, () => ({ contents, loader: 'js', resolveDir: root }));
    },
  };
}

/**
 * The proxy agents log through `debug`, which prints when DEBUG=… is set in the environment, and what
 * https-proxy-agent logs includes the proxy URL with its user name and password. mx-iav has its own --debug, so
 * `debug` is replaced by a logger that never prints (and its optional supports-color goes with it).
 */
function silentDebug() {
  const contents = 'module.exports = () => Object.assign(() => {}, { enabled: false });';
  return {
    name: 'silent-debug',
    setup(plugin) {
      plugin.onResolve({ filter: /^debug$/ }, () => ({ path: 'debug', namespace: 'silent-debug' }));
      plugin.onLoad({ filter: /.*/, namespace: 'silent-debug' }, () => ({ contents, loader: 'js' }));
    },
  };
}

/**
 * got imports cacheable-request (with keyv and http-cache-semantics) and cacheable-lookup at load, yet uses them only
 * for its `cache` and `dnsCache` options, which mx-iav never sets: MX's answers must never come from a cache. They
 * are left out; a constructor that throws says so should anyone set one.
 */
function withoutGotCaches() {
  const contents = `const refuse = (option) => class { constructor() { throw new Error('mx-iav is built without got\\'s ' + option + ' option.'); } };
export default refuse('cache');
export class CacheError extends Error {}`;
  const lookup = "export default class { constructor() { throw new Error('mx-iav is built without got\\'s dnsCache option.'); } }";
  return {
    name: 'without-got-caches',
    setup(plugin) {
      plugin.onResolve({ filter: /^cacheable-(request|lookup)$/ }, (args) => ({ path: args.path, namespace: 'without-got-caches' }));
      plugin.onLoad({ filter: /.*/, namespace: 'without-got-caches' }, (args) => ({ contents: args.path === 'cacheable-lookup' ? lookup : contents, loader: 'js' }));
    },
  };
}

/**
 * Parts of the inlined packages mx-iav never calls, left out because node compiles the whole bundle at every start
 * (about 1 ms per 40 KB, and a module loaded from a file gets no code cache): inquirer's editor prompt, which brings
 * iconv-lite's encoding tables and chardet (over 500 KB, 40% of the bundle), conf's migrations, which bring
 * semver, and all of ora's spinners but the two it picks from (mx-iav draws `dots`). A stand-in for code throws,
 * naming what is missing, should it ever be called.
 */
function withoutUnusedParts() {
  const spinners = JSON.parse(readFileSync(join(root, 'node_modules/cli-spinners/spinners.json'), 'utf8'));
  const missing = (what) => `() => { throw new Error(${JSON.stringify(`mx-iav is built without ${what}.`)}); }`;
  const stubs = new Map([
    ['@inquirer/editor', { from: '/@inquirer/prompts/', contents: `export default ${missing("inquirer's editor prompt")};` }],
    ['cli-spinners', { from: '/ora/', contents: `export default ${JSON.stringify({ dots: spinners.dots, line: spinners.line })};` }],
    ['semver', { from: '/conf/', contents: `const refuse = ${missing("conf's migrations")};\nexport default { eq: refuse, clean: refuse, satisfies: refuse, lte: refuse, gt: refuse };` }],
  ]);
  return {
    name: 'without-unused-parts',
    setup(plugin) {
      plugin.onResolve({ filter: /^(@inquirer\/editor|semver|cli-spinners)$/ }, (args) =>
        args.importer.includes(stubs.get(args.path).from) ? { path: args.path, namespace: 'without-unused-parts' } : undefined,
      );
      plugin.onLoad({ filter: /.*/, namespace: 'without-unused-parts' }, (args) => ({ contents: stubs.get(args.path).contents, loader: 'js' }));
    },
  };
}

/**
 * conf compiles the profile schema with ajv on every start (tens of milliseconds, most of a run's own work). The
 * shipped conf gets instead the validator ajv generates for that schema ahead of time (test/profile-validator.mjs),
 * behind the same `compile` call; the source tree and the tests keep the real ajv, and test/store checks both agree.
 */
function precompiledProfileValidator() {
  return {
    name: 'precompiled-profile-validator',
    setup(plugin) {
      plugin.onResolve({ filter: /^ajv\/dist\/2020\.js$|^ajv-formats$/ }, (args) =>
        args.importer.includes('node_modules/conf/') ? { path: args.path, namespace: 'precompiled-profile-validator' } : undefined,
      );
      plugin.onLoad({ filter: /.*/, namespace: 'precompiled-profile-validator' }, async (args) => {
        if (args.path === 'ajv-formats') return { contents: 'export default { default: () => {} };', loader: 'js' };
        const { precompiledValidatorModule } = await import('./profile-validator.mjs');
        return { contents: await precompiledValidatorModule(root), loader: 'js', resolveDir: root };
      });
    },
  };
}

/** Anything left external would be require()d from the user's node_modules, where nothing is installed. */
function checkOnlyBuiltinsExternal(metafile) {
  const builtins = new Set(builtinModules);
  const strays = new Set();
  for (const output of Object.values(metafile.outputs)) {
    for (const { path, external } of output.imports) {
      if (external && !path.startsWith('node:') && !builtins.has(path)) strays.add(path);
    }
  }
  if (strays.size > 0) throw new Error(`The bundle imports packages it does not contain: ${[...strays].join(', ')}`);
}

/**
 * Only files this build did not write and that are older than it: another build running at the same time in
 * this checkout (tests rebuild too) keeps its fresh files.
 */
function pruneStale(dir, keep) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      pruneStale(path, keep);
      if (readdirSync(path).length === 0) rmSync(path, { recursive: true, force: true });
    } else if (!keep.has(path) && path !== QUICK_ANSWERS && statSync(path).mtimeMs < started) rmSync(path, { force: true });
  }
}

function writeQuickAnswers() {
  const env = { ...process.env, NO_COLOR: '1' };
  const render = (flag) => {
    // Piped, so commander lays the help out for 80 columns.
    const run = spawnSync(process.execPath, [join(dist, 'main.js'), flag], { env, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`dist/main.js ${flag} failed:\n${run.stderr}`);
    return run.stdout;
  };
  writeFileSync(QUICK_ANSWERS, `${JSON.stringify({ help: render('--help'), version: render('--version') })}\n`);
}

function writeNotices(metafile) {
  const packages = new Map();
  for (const input of Object.keys(metafile.inputs)) {
    const dir = packageDirOf(input);
    if (!dir) continue;
    const manifest = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
    packages.set(`${manifest.name}@${manifest.version}`, { dir, manifest });
  }
  const sorted = [...packages.entries()].sort(([a], [b]) => a.localeCompare(b));
  const sections = sorted.map(([id, { dir, manifest }]) => {
    const texts = licenceFiles(join(root, dir)).map((file) => readFileSync(file, 'utf8').trim());
    const body = texts.length > 0 ? texts.join('\n\n') : `(The package ships no licence file; its package.json declares ${manifest.license}.)`;
    return `## ${id}\n\nLicence: ${licenceName(manifest)}${sourceOf(manifest)}\n\n\`\`\`\n${body.replaceAll('```', "'''")}\n\`\`\`\n`;
  });
  const header =
    '# Third-party notices\n\n' +
    'mx-iav ships as one bundle (dist/) with these packages inlined, so installing it installs no dependencies.\n' +
    'Their licences follow. This file is written by `npm run build` from the packages the bundle contains.\n\n' +
    `${sorted.length} packages: ${sorted.map(([id]) => id).join(', ')}.\n\n`;
  writeFileSync(join(root, 'THIRD-PARTY-NOTICES.md'), `${header}${sections.join('\n')}`);
}

/** "node_modules/a/node_modules/@b/c/lib/x.js" → "node_modules/a/node_modules/@b/c" (the innermost package). */
function packageDirOf(input) {
  const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
  return match ? match[1] : null;
}

function licenceFiles(dir) {
  return readdirSync(dir)
    .filter((name) => /^(licen[cs]e|copying)(\.|-|$)/i.test(name))
    .sort()
    .map((name) => join(dir, name));
}

function licenceName(manifest) {
  if (typeof manifest.license === 'string') return manifest.license;
  return manifest.license?.type ?? 'not declared';
}

function sourceOf(manifest) {
  const repository = typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url;
  const where = repository ?? manifest.homepage;
  return where ? ` · ${where.replace(/^git\+/, '').replace(/\.git$/, '')}` : '';
}
