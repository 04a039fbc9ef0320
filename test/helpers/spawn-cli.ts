import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/mx-iav.js', import.meta.url));

export interface CliResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  configDir: string;
  env?: Record<string, string | undefined>;
  input?: string;
  timeoutMs?: number;
}

/** Like runCli, but hands back the child as well, so a test can signal it at a chosen moment. */
export function spawnCli(args: string[], options: CliOptions): { child: ChildProcess; result: Promise<CliResult> } {
  const env: Record<string, string | undefined> = {
    ...process.env,
    MX_IAV_CONFIG_DIR: options.configDir,
    MX_IAV_SANDBOX_JOB_MS: '0',
    NO_COLOR: '1',
    ...options.env,
  };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const child = spawn(process.execPath, [BIN, ...args], { env: env as NodeJS.ProcessEnv, stdio: ['pipe', 'pipe', 'pipe'] });
  const result = new Promise<CliResult>((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk) => (stdout += chunk));
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.on('error', reject);
    // A command that exits without reading all its input (a usage error, say) closes the pipe under our write:
    // EPIPE is then the child's choice, shown by its result; any other stdin error fails the run.
    child.stdin!.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') reject(error);
    });
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      resolve({ exitCode, stdout, stderr });
    });
  });
  child.stdin!.end(options.input ?? '');
  return { child, result };
}
