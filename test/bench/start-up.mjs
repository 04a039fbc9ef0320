// Start-up: `mx-iav --version` and `mx-iav --help` against `node -e 0`, the least any Node program can take.
import { interleave, summary, timed } from './measure.mjs';
import { BIN } from './flow.mjs';

export async function benchStartUp(rounds) {
  const node = (...args) => async () => (await timed(process.execPath, args)).ms;
  const samples = await interleave(
    [
      { label: 'floor', run: node('-e', '0') },
      { label: 'version', run: node(BIN, '--version') },
      { label: 'help', run: node(BIN, '--help') },
    ],
    { rounds, warmup: 3 },
  );
  return Object.fromEntries([...samples].map(([label, values]) => [label, summary(values)]));
}
