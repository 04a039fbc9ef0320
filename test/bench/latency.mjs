// Detection latency: how long after the sandbox changes a member's status on its own (a job step coming due) the
// CLI sends its next request for that user (each run creates its own). Both times come from the sandbox's clock: the change as the job
// clock dates it, the request as the sandbox logged it.
import { pool, summary } from './measure.mjs';
import { runCliVerify } from './flow.mjs';
import { startSandbox } from './sandbox.mjs';

/**
 * Changes a request caused (a member created, a verification started, an answer resumed the job) are not waiting
 * to be detected: the sandbox logs that request in the same millisecond or the next.
 */
const CAUSED_WITHIN_MS = 1;

export async function benchDetection(hostFile, workDir, { jobMs, pollInterval, runs, concurrency }) {
  const sandbox = await startSandbox(hostFile, jobMs);
  try {
    const extraArgs = pollInterval ? ['--poll-interval', pollInterval] : [];
    await pool(
      Array.from({ length: runs }, () => () => runCliVerify(workDir, sandbox.env(), { extraArgs })),
      concurrency,
    );
    const { requests, changes } = await sandbox.report();
    return summary(detectionDelays(requests, changes));
  } finally {
    await sandbox.close();
  }
}

export function detectionDelays(requests, changes) {
  const delays = [];
  for (const change of changes) {
    const ofUser = requests.filter((r) => r.path.includes(change.user_guid));
    const caused = ofUser.some((r) => r.method !== 'GET' && r.at >= change.at && r.at - change.at <= CAUSED_WITHIN_MS);
    if (caused) continue;
    const next = ofUser.find((r) => r.at >= change.at);
    if (next) delays.push(next.at - change.at);
  }
  if (delays.length === 0) throw new Error('no status change to measure: did the job steps run?');
  return delays;
}
