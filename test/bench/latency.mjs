// Detection latency: how long after the sandbox changes a member's status on its own (a job step coming due) the
// CLI sends its next request for that user (each run creates its own). Both times come from the sandbox's clock:
// the change as the job clock dates it, the request as the sandbox logged it.
import { pool, summary } from './measure.mjs';
import { runCliVerify } from './flow.mjs';
import { startSandbox } from './sandbox.mjs';

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

/**
 * A change the sandbox made on its own is applied by the next read and dated when it came due, so the first request
 * logged after it is that read: a GET. A change a request made (a member created, a job started, an answer sent)
 * is followed first by that request itself, which is not a GET, and is not waiting to be detected.
 */
export function detectionDelays(requests, changes) {
  const delays = [];
  for (const change of changes) {
    const next = requests.find((r) => r.at >= change.at && r.path.includes(change.user_guid));
    if (next?.method === 'GET') delays.push(next.at - change.at);
  }
  if (delays.length === 0) throw new Error('no status change to measure: did the job steps run?');
  return delays;
}
