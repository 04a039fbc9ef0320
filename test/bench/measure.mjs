// Timing helpers for the benchmark: child processes timed from spawn to exit, interleaved so that the machine's
// drift (other jobs, CPU frequency) falls on every command alike, and summarised as median and p10–p90.
import { spawn } from 'node:child_process';

/** Every command runs with this environment: NODE_EXTRA_CA_CERTS adds about 40 ms to any Node start. */
export function benchEnv(extra = {}) {
  const env = { ...process.env, ...extra };
  delete env.NODE_EXTRA_CA_CERTS;
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  return env;
}

/** Runs one command to its end; rejects with its output when it fails, so a broken run never becomes a figure. */
export function timed(command, args, { env = benchEnv(), cwd } = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (code === 0) resolve({ ms, stdout, stderr });
      else reject(new Error(`${command} ${args.join(' ')} exited ${code}:\n${stderr.slice(-2000)}`));
    });
  });
}

/**
 * Each round runs every case once, in a shuffled order. A case is { label, run: () => Promise<number ms> }.
 * Returns label → samples.
 */
export async function interleave(cases, { rounds, warmup = 2 }) {
  for (let i = 0; i < warmup; i += 1) for (const c of cases) await c.run();
  const samples = new Map(cases.map((c) => [c.label, []]));
  for (let i = 0; i < rounds; i += 1) {
    for (const c of shuffled(cases)) samples.get(c.label).push(await c.run());
  }
  return samples;
}

export function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p) => {
    const index = (sorted.length - 1) * p;
    const low = Math.floor(index);
    const high = Math.ceil(index);
    return sorted[low] + (sorted[high] - sorted[low]) * (index - low);
  };
  return { median: at(0.5), p10: at(0.1), p90: at(0.9), n: sorted.length };
}

/** Runs tasks with at most `limit` at a time, keeping their order in the result. */
export async function pool(tasks, limit) {
  const results = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

function shuffled(items) {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}
