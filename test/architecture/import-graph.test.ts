import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importsOf, sourceFiles } from './source-files.js';

// Issue 9: the entry layer was joined by import circles. This walks every import of src/ (static, re-export and lazy
// `import()`, but not `import type`, which leaves no trace at run time) and names every circle it finds.

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

/** Every strongly connected group of modules (Tarjan), each given as one circle through it. */
export function circles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const connect = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        connect(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.push(member);
    } while (member !== node);
    if (group.length > 1 || (graph.get(node) ?? []).includes(node)) found.push(circleThrough(graph, node, new Set(group)));
  };
  for (const node of graph.keys()) if (!index.has(node)) connect(node);
  return found;
}

/** A shortest way from `start` back to itself inside its group (breadth first). */
function circleThrough(graph: Map<string, string[]>, start: string, group: Set<string>): string[] {
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const next of graph.get(node) ?? []) {
      if (!group.has(next)) continue;
      if (next === start) {
        const way = [node];
        while (way[0] !== start) way.unshift(previous.get(way[0]!)!);
        return [...way, start];
      }
      if (!previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return [start, start];
}

describe('import graph of src/', () => {
  it('has no circles', () => {
    const graph = new Map(sourceFiles(SRC).map((file) => [file, importsOf(file)]));
    const found = circles(graph).map((circle) => circle.map((file) => path.relative(SRC, file)).join(' -> '));
    const edges = [...graph.values()].reduce((n, targets) => n + targets.length, 0);
    console.log(`import graph: ${graph.size} modules, ${edges} imports, ${found.length} circles`);
    for (const circle of found) console.log(`  circle: ${circle}`);
    expect(found).toEqual([]);
  });

  it('finds a circle and names its modules', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c', 'd']],
      ['c', ['a']],
      ['d', []],
      ['e', ['e']],
    ]);
    expect(circles(graph)).toEqual([['a', 'b', 'c', 'a'], ['e', 'e']]);
  });

  it('reads static, re-exported and lazy imports but not type-only ones', () => {
    const file = path.join(SRC, 'x', 'here.ts');
    const text = [
      "import { a } from './a.js';",
      "import type { B } from './b.js';",
      "export { c } from '../c.js';",
      "export type { D } from './d.js';",
      "const e = await import('./e.js');",
      "import chalk from 'chalk';",
    ].join('\n');
    expect(importsOf(file, text).map((f) => path.relative(SRC, f))).toEqual(['x/a.ts', 'c.ts', 'x/e.ts']);
  });
});
