import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importsOf, sourceFiles } from './source-files.js';

// Issue 15: the house drawn from the imports. Each floor may import only from floors below it, never from its own
// floor's neighbours nor from above; `cli/` is the program shell, `session/` the kit commands are built on.
const FLOORS: readonly (readonly string[])[] = [
  ['cli'],
  ['commands'],
  ['session'],
  ['webhooks'],
  ['ui', 'sandbox', 'scenarios'],
  ['store'],
  ['flow'],
  ['mx'],
  ['domain'],
  ['errors.ts'],
  ['next-step.ts'],
];

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

export function roomOf(file: string): string {
  return path.relative(SRC, file).split(path.sep)[0]!;
}

export function floorOf(room: string): number {
  const floor = FLOORS.findIndex((rooms) => rooms.includes(room));
  if (floor < 0) throw new Error(`src/${room} is on no floor of the house (test/architecture/house.test.ts)`);
  return floor;
}

/** Every import that goes sideways or up, as "from -> to". */
export function arrowsUp(edges: [string, string][]): string[] {
  return edges
    .filter(([from, to]) => roomOf(from) !== roomOf(to) && floorOf(roomOf(from)) >= floorOf(roomOf(to)))
    .map(([from, to]) => `${path.relative(SRC, from)} -> ${path.relative(SRC, to)}`);
}

describe('the house of src/', () => {
  it('has every folder on a floor and no arrow running back up', () => {
    const files = sourceFiles(SRC);
    const edges = files.flatMap((file) => importsOf(file).map((target): [string, string] => [file, target]));
    for (const file of files) floorOf(roomOf(file));
    console.log(FLOORS.map((rooms, floor) => `  ${floor}: ${rooms.join(' ')}`).join('\n'));
    expect(arrowsUp(edges)).toEqual([]);
  });

  it('names an arrow up, and one between neighbours on a floor', () => {
    const at = (name: string) => path.join(SRC, name);
    expect(arrowsUp([
      [at('commands/a.ts'), at('session/b.ts')],
      [at('session/b.ts'), at('cli/c.ts')],
      [at('ui/d.ts'), at('sandbox/e.ts')],
      [at('ui/d.ts'), at('ui/f.ts')],
    ])).toEqual(['session/b.ts -> cli/c.ts', 'ui/d.ts -> sandbox/e.ts']);
  });
});
