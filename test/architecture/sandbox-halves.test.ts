import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importsOf, sourceFiles } from './source-files.js';

// Issue 15: the sandbox is two halves. bank/ is MX's platform simulated (its state, logins, jobs and clock); http/
// is how it is spoken to (server, routes, admin, widget pages, webhooks). HTTP works on the bank, never the other way,
// so a bank rule can be read, and tested, without a request in sight. Types count: a bank type shaped by a request
// would be the same arrow drawn in ink.

const SANDBOX = path.resolve(fileURLToPath(new URL('../../src/sandbox/', import.meta.url)));
const BANK = path.join(SANDBOX, 'bank');
const HTTP = path.join(SANDBOX, 'http');

const inside = (dir: string, file: string): boolean => file.startsWith(dir + path.sep);

/** Every import from the bank half into the HTTP half or the sandbox's entry, as "from -> to". */
export function bankArrowsOut(edges: [string, string][]): string[] {
  return edges
    .filter(([from, to]) => inside(BANK, from) && inside(SANDBOX, to) && !inside(BANK, to))
    .map(([from, to]) => `${path.relative(SANDBOX, from)} -> ${path.relative(SANDBOX, to)}`);
}

describe('the sandbox halves', () => {
  it('has every file of src/sandbox in a half, but its entry', () => {
    const loose = sourceFiles(SANDBOX).filter((file) => !inside(BANK, file) && !inside(HTTP, file));
    expect(loose.map((file) => path.relative(SANDBOX, file))).toEqual(['index.ts']);
  });

  it('has no bank file importing the HTTP half, not even a type', () => {
    const edges = sourceFiles(BANK).flatMap((file) => importsOf(file, undefined, { types: true }).map((to): [string, string] => [file, to]));
    expect(edges.length).toBeGreaterThan(20);
    expect(bankArrowsOut(edges)).toEqual([]);
  });

  it('names an arrow from the bank out, and lets HTTP import the bank', () => {
    expect(bankArrowsOut([
      [at('bank/app.ts'), at('http/reply.ts')],
      [at('bank/jobs.ts'), at('index.ts')],
      [at('bank/jobs.ts'), at('bank/plans.ts')],
      [at('http/server.ts'), at('bank/app.ts')],
    ])).toEqual(['bank/app.ts -> http/reply.ts', 'bank/jobs.ts -> index.ts']);
  });

  it('sees type-only imports when asked to', () => {
    const file = at('bank/x.ts');
    const text = "import type { Reply } from '../http/reply.js';";
    expect(importsOf(file, text)).toEqual([]);
    expect(importsOf(file, text, { types: true })).toEqual([at('http/reply.ts')]);
  });
});

function at(name: string): string {
  return path.join(SANDBOX, name);
}
