// `--open`: hands a sign-in link to the browser, or a challenge image to the system viewer. The link or path is
// always printed first, so an opener that is missing or fails costs a notice, never the run; and the opener is
// detached and not waited for, since xdg-open may stay until the browser it started exits.
import { spawn } from 'node:child_process';

export interface OpenerCommand {
  command: string;
  args: string[];
}

/** Only web links go to a browser: a server-supplied "link" must not become a local file or another scheme. */
export function isWebLink(text: string): boolean {
  try {
    const { protocol } = new URL(text);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * The desktop's opener for a link or an absolute path. $BROWSER, the usual way to choose a browser, wins for
 * links; it is run as one program, without a shell, so nothing in the link is ever interpreted.
 */
export function openerFor(target: string, platform: NodeJS.Platform, env: NodeJS.ProcessEnv): OpenerCommand {
  const browser = env.BROWSER?.trim();
  if (browser && isWebLink(target)) return { command: browser, args: [target] };
  if (platform === 'darwin') return { command: 'open', args: [target] };
  // explorer.exe takes the target as one argument; `cmd /c start` would re-parse the & in a URL's query.
  if (platform === 'win32') return { command: 'explorer.exe', args: [target] };
  return { command: 'xdg-open', args: [target] };
}

// The browser (and every page helper it starts) outlives the run and needs none of mx-iav's secrets.
const SECRET_VARIABLES = /^(MX_API_KEY|MX_IAV_ANSWERS|MX_IAV_CREDENTIAL_.*)$/i;

/** The environment an opener gets: mx-iav's own, minus the API key and the bank credentials and answers. */
export function openerEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !SECRET_VARIABLES.test(name)));
}

/** Starts the opener (chosen from the run's `env`) and resolves once it is running (true) or could not start (false). */
export function openExternal(target: string, env: NodeJS.ProcessEnv, opener: OpenerCommand = openerFor(target, process.platform, env)): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(opener.command, opener.args, { detached: true, stdio: 'ignore', env: openerEnv(env) });
    child.once('error', () => resolve(false));
    child.once('spawn', () => {
      child.unref();
      resolve(true);
    });
  });
}
