import type { CommandInput } from '../session/command-kit.js';
import { SCENARIOS } from '../scenarios/catalog.js';
import { MICRO_DEPOSIT_TEST_INPUTS } from '../sandbox/bank/micro-deposits/rules.js';
import { formatTable } from '../ui/format.js';
import { formatMicroDepositScenarioTable } from '../ui/micro-deposit-format.js';
import { emit, terminalWidth } from './output.js';
import { step } from '../next-step.js';
import { hintFor } from '../session/next-steps.js';

// The catalog needs no MX connection, so this never starts the sandbox or reads the profile.
export async function run({ globals }: CommandInput) {
  const said = hintFor(globals.invocation);
  emit(
    globals,
    SCENARIOS.map(({ credentials, ...scenario }) => ({ ...scenario, login: credentials.LOGIN ?? null })),
    () =>
      `${formatTable(
        ['Scenario', 'Institution', 'Login', 'Password', 'Answers', 'Expect', 'What happens'],
        SCENARIOS.map((scenario) => [
          scenario.name,
          scenario.institution,
          scenario.credentials.LOGIN ?? '(OAuth)',
          scenario.credentials.PASSWORD ?? '(OAuth)',
          [...scenario.answers, ...(scenario.selectAccount ? [`account: ${scenario.selectAccount}`] : [])].join(', '),
          scenario.expect,
          scenario.summary,
        ]),
        terminalWidth(globals.io.stdout),
      )}\n\n${said`Run one: ${step('verify', { 'no-input': true, scenario: 'happy' })} [--expect STATUS] [--junit report.xml]`}\n\n` +
      `${formatMicroDepositScenarioTable(MICRO_DEPOSIT_TEST_INPUTS, terminalWidth(globals.io.stdout))}\n${said`Try them: ${step('verify', { 'micro-deposits': true })}`}`,
  );
}
