import type { Rule } from '../helpers/mx-proxy.js';

export interface BadInputCase {
  name: string;
  args: string[];
  env?: Record<string, string | undefined>;
  /** stdin */
  input?: string;
  /** Writes files into the config directory before the run. */
  prepare?: (configDir: string) => void;
  /** Put a proxy applying these rules between the CLI and the sandbox. */
  proxy?: Rule[];
  exit: number;
  /** Must match the one error sentence (or, for exit 0, the output). */
  message: RegExp;
  /** Text that must not appear anywhere in the output (e.g. the control sequences a server sent). */
  absent?: RegExp;
}
