// Every command, in the order `mx-iav --help` lists them.
import type { CommandTree } from '../session/command-spec.js';
import { createMemberCommand, createUserCommand, resumeCommand, searchInstitutionCommand, verifyCommand } from '../commands/specs/guide.js';
import { microDepositsGroup } from '../commands/specs/micro-deposits.js';
import { sandboxCommand } from '../commands/specs/sandbox.js';
import {
  accountNumbersCommand,
  cleanupCommand,
  completionCommand,
  configCommand,
  doctorCommand,
  listenCommand,
  membersCommand,
  profilesCommand,
  reportCommand,
  scenariosCommand,
  statusCommand,
  triggerCommand,
  usersCommand,
} from '../commands/specs/tools.js';

export const COMMANDS: readonly CommandTree[] = [
  verifyCommand,
  resumeCommand,
  createUserCommand,
  searchInstitutionCommand,
  createMemberCommand,
  statusCommand,
  accountNumbersCommand,
  configCommand,
  profilesCommand,
  sandboxCommand,
  scenariosCommand,
  usersCommand,
  membersCommand,
  reportCommand,
  cleanupCommand,
  doctorCommand,
  completionCommand,
  listenCommand,
  triggerCommand,
  microDepositsGroup,
];
