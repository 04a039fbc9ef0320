import { ConfigError } from '../errors.js';
import type { AccountNumber, Member, MemberStatus } from '../mx/types.js';
import type { CommandInput } from '../session/command-kit.js';
import { VERSION } from '../session/version.js';
import { openRuntime, type Runtime } from '../session/runtime.js';
import { isValidRoutingNumber } from '../domain/aba.js';
import { maskAccountNumber } from '../domain/masking.js';
import { sanitize } from '../ui/sanitize.js';
import { checkGuidFlag } from './guid-flags.js';
import { microDepositFacts, microDepositLines } from './micro-deposits-report.js';
import { emit } from './output.js';
import type { OptionsOf } from '../session/command-spec.js';
import type { reportOptions } from './specs/tools.js';

type Options = OptionsOf<typeof reportOptions>;

/**
 * A case summary to paste into a support ticket. Built only from guids, statuses, timestamps and messages; the API
 * key and bank credentials are never read into it, and account numbers appear masked.
 */
export async function run({ globals, options, signal }: CommandInput<Options>) {
  const runtime = await openRuntime(globals, signal);
  try {
    const report = await gather(runtime, options);
    emit(globals, report, () => renderReport(report));
  } finally {
    await runtime.close();
  }
}

type Report = Awaited<ReturnType<typeof gather>>;

async function gather(runtime: Runtime, options: Options) {
  const saved = runtime.store.read();
  const { connection } = runtime;
  const userGuid = checkGuidFlag('USR', '--user', options.user) ?? saved.user_guid ?? null;
  const memberGuid = checkGuidFlag('MBR', '--member', options.member) ?? saved.member_guid ?? null;
  if (memberGuid && !userGuid) throw new ConfigError('--member needs the member\'s user: pass --user USR-... too.');
  const isSaved = memberGuid !== null && memberGuid === saved.member_guid;
  return {
    generated_at: new Date(runtime.clock.now()).toISOString(),
    cli: { name: 'mx-iav', version: VERSION, node: process.version, platform: `${process.platform}-${process.arch}` },
    environment: {
      name: connection.environment,
      base_url: connection.baseUrl ?? 'built-in sandbox',
      client_id: connection.clientId ? `set (${connection.sources.clientId})` : 'not set',
      api_key: connection.apiKey ? `set (${connection.sources.apiKey})` : 'not set',
      api_version: `${connection.apiVersion} (${connection.sources.apiVersion})`,
      profile: runtime.globals.profile,
    },
    user_guid: userGuid,
    member_guid: memberGuid,
    saved_step: isSaved ? (saved.step ?? null) : null,
    history: isSaved ? (saved.history ?? []) : [],
    last_error: isSaved ? (saved.last_error ?? null) : null,
    mx: userGuid && memberGuid ? await readFromMx(runtime, userGuid, memberGuid) : null,
    micro_deposit: await microDepositFacts(runtime, userGuid),
  };
}

async function readFromMx(runtime: Runtime, userGuid: string, memberGuid: string) {
  const { client } = runtime;
  try {
    const [member, status, numbers] = await Promise.all([
      client.readMember(userGuid, memberGuid),
      client.readMemberStatus(userGuid, memberGuid),
      client.listAccountNumbersByMember(userGuid, memberGuid),
    ]);
    return { ...memberFacts(member, status), account_numbers: numbers.map(maskedNumber), unreachable: null };
  } catch (error) {
    // The report is most wanted when things fail: keep what is known locally and say what MX answered.
    return { unreachable: sanitize(error instanceof Error ? error.message : String(error)).slice(0, 300) };
  }
}

const memberFacts = (member: Member, status: MemberStatus) => ({
  institution_code: member.institution_code,
  institution_name: member.name,
  is_oauth: member.is_oauth,
  connection_status: status.connection_status,
  connection_status_message: member.connection_status_message ?? null,
  is_being_aggregated: status.is_being_aggregated,
  aggregated_at: status.aggregated_at,
  successfully_aggregated_at: status.successfully_aggregated_at,
});

const maskedNumber = (number: AccountNumber) => ({
  account_guid: number.account_guid,
  account_number: maskAccountNumber(number.account_number),
  routing_number: number.routing_number,
  routing_number_checksum_valid: number.routing_number ? isValidRoutingNumber(number.routing_number) : null,
  passed_validation: number.passed_validation,
});

export function renderReport(report: Report): string {
  const value = (text: unknown) => sanitize(text === null || text === undefined ? '–' : String(text));
  const env = report.environment;
  const lines = [
    `mx-iav case report (${report.generated_at})`,
    `CLI:          mx-iav ${report.cli.version}, Node ${report.cli.node}, ${report.cli.platform}`,
    `Environment:  ${env.name}, ${value(env.base_url)}; client id ${env.client_id}, API key ${env.api_key}; profile ${value(env.profile)}`,
    `API version:  ${env.api_version}`,
    `User:         ${value(report.user_guid)}`,
    `Member:       ${value(report.member_guid)}`,
  ];
  const mx = report.mx;
  if (mx && mx.unreachable === null) {
    lines.push(
      `Institution:  ${value(mx.institution_name)} (${value(mx.institution_code)})${mx.is_oauth ? ', OAuth' : ''}`,
      `Status now:   ${value(mx.connection_status)}${mx.is_being_aggregated ? ' (working)' : ''}; MX says: ${value(mx.connection_status_message)}`,
      `Last success: ${value(mx.successfully_aggregated_at)}; last attempt: ${value(mx.aggregated_at)}`,
    );
  } else if (mx) {
    lines.push(`MX:           could not be read: ${mx.unreachable}`);
  }
  lines.push(...microDepositLines(report.micro_deposit));
  lines.push(`Saved step:   ${value(report.saved_step)}`, `Last error:   ${value(report.last_error)}`, 'Status history:');
  if (report.history.length === 0) lines.push('  (none recorded)');
  for (const event of report.history) lines.push(`  ${value(event.at)}  ${value(event.status ?? 'no status')}`);
  if (mx && mx.unreachable === null && mx.account_numbers.length > 0) {
    lines.push('Account numbers (masked):');
    for (const number of mx.account_numbers) {
      const checksum = number.routing_number_checksum_valid === false ? ', ABA checksum WRONG' : '';
      lines.push(`  ${value(number.account_guid)}  ${number.account_number}  routing ${value(number.routing_number)}  MX validated: ${value(number.passed_validation)}${checksum}`);
    }
  }
  return lines.join('\n');
}
