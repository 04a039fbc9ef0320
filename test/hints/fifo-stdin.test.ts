import { spawn, execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, existsSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { BIN } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { onFileChanges, waitFor } from '../helpers/wait-for.js';

// `config set api-key < fifo` with a writer that never writes nor closes: the read must not block the process,
// so Ctrl-C is heard at once (and, unheard, the 60-second bound on stdin would end it).
it('config set api-key reading a silent FIFO stops on Ctrl-C (exit 130) and saves nothing', async () => {
  const dir = tempDir();
  const fifo = join(dir, 'key.fifo');
  execFileSync('mkfifo', [fifo]);
  // Opened read-write, the FIFO has a writer for as long as the child lives: it never sees an end.
  const fd = openSync(fifo, 'r+');
  const configDir = join(dir, 'config');
  const child = spawn(process.execPath, [BIN, 'config', 'set', 'api-key'], {
    env: { ...process.env, MX_IAV_CONFIG_DIR: configDir, NO_COLOR: '1' },
    stdio: [fd, 'pipe', 'pipe'],
  });
  closeSync(fd);
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = once(child, 'close');
  const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  try {
    // Its Ctrl-C handler is in place once it has made its profile directory, before it reads stdin.
    await waitFor(() => existsSync(join(configDir, 'profiles')), onFileChanges(configDir), { what: 'the profile directory' });
    const sentAt = Date.now();
    child.kill('SIGINT');
    const [code] = await exited;
    expect({ code, stderr }).toMatchObject({ code: 130, stderr: expect.stringContaining('Interrupted.') });
    expect(Date.now() - sentAt).toBeLessThan(5_000);
    expect(existsSync(join(configDir, 'profiles', 'default.json'))).toBe(false);
  } finally {
    clearTimeout(killer);
  }
});
