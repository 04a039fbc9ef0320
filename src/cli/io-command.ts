import type { EventEmitter } from 'node:events';
import { Command } from 'commander';

/**
 * A Command whose `.env('MX_IAV_PROFILE')` options read the run's environment. Commander 14 reads process.env in its
 * private _parseOptionsEnv; a run in a test (or any second run in one process) has its own env, so this takes that
 * method over with the same rule against the run's env. Subcommands made by `.command()` share it (createCommand).
 */
export class IoCommand extends Command {
  constructor(
    private readonly runEnv: Record<string, string | undefined>,
    name?: string,
  ) {
    super(name);
  }

  override createCommand(name?: string): IoCommand {
    return new IoCommand(this.runEnv, name);
  }

  // Commander's own rule, kept as it is: an env value fills an option the command line (or client code) did not set.
  _parseOptionsEnv(): void {
    for (const option of this.options) {
      const variable = option.envVar;
      if (variable === undefined || !(variable in this.runEnv)) continue;
      const key = option.attributeName();
      const source = this.getOptionValueSource(key);
      if (this.getOptionValue(key) !== undefined && !['default', 'config', 'env'].includes(source ?? '')) continue;
      // A Command is an EventEmitter, though commander's typings do not say so.
      const events = this as unknown as EventEmitter;
      if (option.required || option.optional) events.emit(`optionEnv:${option.name()}`, this.runEnv[variable]);
      else events.emit(`optionEnv:${option.name()}`);
    }
  }
}
