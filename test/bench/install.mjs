// Install: the packed tarball's size, and installing it into an empty directory from a warm npm cache, beside
// installing MX's official SDK (mx-platform-node) the same way.
import { lstatSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { interleave, summary, timed } from './measure.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const SDK = 'mx-platform-node';
const INSTALL_FLAGS = ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'];

export async function packTarball(workDir) {
  // The build has just run; packing must not rebuild dist/ under other processes reading it.
  const { stdout } = await timed('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', workDir], { cwd: root });
  const [packed] = JSON.parse(stdout);
  return { path: join(workDir, packed.filename), size: packed.size, unpackedSize: packed.unpackedSize, files: packed.entryCount };
}

async function installInto(workDir, spec) {
  const dir = mkdtempSync(join(workDir, 'install-'));
  const { ms } = await timed('npm', [...INSTALL_FLAGS, spec], { cwd: dir });
  return { ms, dir };
}

export async function benchInstall(workDir, tarball, rounds) {
  // The first install of each fills the cache (and needs the registry for the SDK); the measured ones do not.
  const cli = await installInto(workDir, tarball.path);
  const sdk = await installInto(workDir, SDK);
  const samples = await interleave(
    [
      { label: 'cli', run: async () => (await installInto(workDir, tarball.path)).ms },
      { label: 'sdk', run: async () => (await installInto(workDir, SDK)).ms },
    ],
    { rounds, warmup: 0 },
  );
  return {
    cli: { time: summary(samples.get('cli')), ...footprint(cli.dir) },
    sdk: { time: summary(samples.get('sdk')), ...footprint(sdk.dir) },
  };
}

/** Packages npm installed (its lockfile in node_modules lists each one) and the bytes of node_modules. */
function footprint(dir) {
  const lock = JSON.parse(readFileSync(join(dir, 'node_modules', '.package-lock.json'), 'utf8'));
  const packages = Object.keys(lock.packages).filter((key) => key.startsWith('node_modules/')).length;
  return { packages, bytes: sizeOf(join(dir, 'node_modules')) };
}

function sizeOf(path) {
  const stat = lstatSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((total, name) => total + sizeOf(join(path, name)), 0);
}
