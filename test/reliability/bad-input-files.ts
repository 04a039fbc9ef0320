import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { BadInputCase } from './bad-input-case.js';

// Special files where mx-iav keeps its own (issue 19): a directory, a FIFO or a link to /dev/zero as the lock, the
// built-in sandbox's state or its folder, the profile file or the recording. Each ends in exit 3 naming the file,
// at once: nothing blocks on a FIFO or reads a device without end.

const BUILT_IN = { MX_BASE_URL: undefined, MX_CLIENT_ID: undefined, MX_API_KEY: undefined };
const VERIFY = ['verify', '--no-input', '--institution', 'mxbank', '--credential', 'LOGIN=mxuser', '--select-account', 'first'];

type Plant = (path: string) => void;
const fifo: Plant = (path) => execFileSync('mkfifo', [path]);
const devZero: Plant = (path) => symlinkSync('/dev/zero', path);
const directory: Plant = (path) => mkdirSync(path);

/** Plants `plant` at `file` inside the config directory (its folder created 0700 first). */
const at = (folder: string, file: string, plant: Plant) => (dir: string) => {
  mkdirSync(join(dir, folder), { recursive: true, mode: 0o700 });
  plant(join(dir, folder, file));
};

const lockCase = (name: string, plant: Plant, why: RegExp): BadInputCase => ({
  name: `the lock file is ${name}`,
  args: ['create-user'],
  prepare: at('profiles', 'default.lock', plant),
  exit: 3,
  message: new RegExp(`^mx-iav cannot take the profile's lock .*default\\.lock: ${why.source}\\.$`),
});

const stateCase = (name: string, plant: Plant, why: RegExp): BadInputCase => ({
  name: `the built-in sandbox's state is ${name}`,
  args: VERIFY,
  env: { ...BUILT_IN, MX_IAV_CREDENTIAL_PASSWORD: 'x' },
  prepare: at('sandbox', 'default.json', plant),
  exit: 3,
  message: new RegExp(`^The sandbox cannot read its state from .*sandbox/default\\.json: ${why.source}; `),
});

export const FILE_CASES: BadInputCase[] = [
  lockCase('a directory', directory, /a directory stands there/),
  lockCase('a FIFO', fifo, /something that is not a regular file stands there/),
  lockCase('a link to /dev/zero', devZero, /it is a symbolic link/),
  stateCase('a FIFO', fifo, /it is not a regular file/),
  stateCase('a link to /dev/zero', devZero, /it is a symbolic link, which the sandbox does not follow/),
  stateCase('a directory', directory, /it is a directory/),
  {
    name: 'the built-in sandbox\'s folder is a link',
    args: VERIFY,
    env: { ...BUILT_IN, MX_IAV_CREDENTIAL_PASSWORD: 'x' },
    prepare: (dir) => {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      symlinkSync('/tmp', join(dir, 'sandbox'));
    },
    exit: 3,
    message: /^The sandbox state directory .*sandbox is a symbolic link, which mx-iav does not follow\.$/,
  },
  { name: 'the profile file is a FIFO', args: ['status'], prepare: at('profiles', 'default.json', fifo), exit: 3, message: /^The profile file .*default\.json is not a regular file\.$/ },
  { name: 'the profile file is a link to /dev/zero', args: ['status'], prepare: at('profiles', 'default.json', devZero), exit: 3, message: /^The profile file .*default\.json is a symbolic link, which mx-iav does not follow\.$/ },
  {
    name: 'the recording file is a FIFO',
    args: ['sandbox', '--port', '0'],
    prepare: at('rec', 'record.jsonl', fifo),
    env: { MX_IAV_SANDBOX_RECORD: '$CONFIG_DIR/rec/record.jsonl' },
    exit: 3,
    message: /^The sandbox cannot write its recording to .*record\.jsonl: it is not a regular file; /,
  },
  { name: 'profiles remove of no such profile', args: ['profiles', 'remove', 'nobody'], exit: 2, message: /^There is no profile "nobody" in .*profiles\.$/ },
  { name: 'profiles with an unknown action', args: ['profiles', 'frob'], exit: 2, message: /^profiles takes list or remove NAME, not "frob"\.$/ },
  { name: 'profiles remove ../x', args: ['profiles', 'remove', '../x'], exit: 2, message: /^The profile name "\.\.\/x" is not valid\.$/ },
];
