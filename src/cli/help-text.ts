// Help text is kept under 80 columns (program.ts wraps commander's part to 79): each example is a comment line
// and a command line, as gh lays out its EXAMPLES.
type Example = readonly [comment: string, command: string];

const examples = (list: readonly Example[]) =>
  `\nExamples:\n${list.map(([comment, command]) => `  # ${comment}\n  $ ${command}`).join('\n')}`;

const CI_RUN = 'MX_IAV_CREDENTIAL_LOGIN=mxuser MX_IAV_CREDENTIAL_PASSWORD=password \\\n' +
  '      mx-iav verify --no-input --json --institution mxbank \\\n        --select-account first';

export const EXAMPLES = examples([
  ['guided verification (the built-in sandbox when no credentials are set)', 'mx-iav verify'],
  ['in CI: every answer from flags or the environment, one JSON document out', CI_RUN],
  ['serve the MX-compatible sandbox for other tools', 'mx-iav sandbox --port 4010'],
  ['follow the saved member\'s connection status', 'mx-iav status --watch'],
  ['show whole account numbers', 'mx-iav account-numbers --reveal'],
  ['CI smoke test: exit 0 when it ends as expected', 'mx-iav verify --no-input --scenario denied --junit iav.xml'],
  ['check credentials, config and the API, with fixes', 'mx-iav doctor'],
]);

/** Each command's own examples, shown by `mx-iav <command> --help` above the global options. */
export const COMMAND_EXAMPLES: Readonly<Record<string, string>> = {
  verify: examples([
    ['guided, in a terminal', 'mx-iav verify'],
    ['in CI: every answer from flags or the environment', CI_RUN],
    ['CI smoke test: exit 0 when it ends as the scenario expects', 'mx-iav verify --no-input --scenario denied --junit iav.xml'],
    ['start over with another login or bank', 'mx-iav verify --new'],
    ['also the owner and the balance, before a payment', 'mx-iav verify --owner --balance'],
  ]),
  resume: examples([
    ['continue the saved member: answer its challenge, then wait for the end', 'mx-iav resume'],
    ['a member named in a support ticket', 'mx-iav resume --user USR-... --member MBR-...'],
  ]),
  'create-user': examples([['step 1 of the guide', 'mx-iav create-user --email jane@example.com']]),
  'search-institution': examples([['find an institution\'s code', 'mx-iav search-institution "MX Bank"']]),
  'create-member': examples([['step 2 of the guide, then run verify', 'mx-iav create-member --institution mxbank']]),
  status: examples([
    ['the saved member\'s status in plain words', 'mx-iav status'],
    ['print each change until the member connects or stops', 'mx-iav status --watch --timeout 10m'],
  ]),
  'account-numbers': examples([
    ['the verified numbers, masked to their last four digits', 'mx-iav account-numbers'],
    ['whole numbers, as JSON', 'mx-iav account-numbers --reveal --json'],
    ['owner and balance of the verified member', 'mx-iav account-numbers --owner --balance'],
  ]),
  config: examples([
    ['connect to MX: save the client id', 'mx-iav config set client-id CLIENT_ID'],
    ['and the API key (asked for, masked; never shown again)', 'mx-iav config set api-key'],
    ['or the API key from a file', 'mx-iav config set api-key < key.txt'],
    ['another profile\'s settings', 'mx-iav --profile jane config set environment development'],
    ['every setting of the profile (the API key is never shown)', 'mx-iav config list'],
  ]),
  sandbox: examples([
    ['the sandbox for another tool, on a fixed port', 'mx-iav sandbox --port 4010'],
    ['one request in ten failing, reproducibly', 'mx-iav sandbox --fail-rate 0.1 --seed 7'],
  ]),
  scenarios: examples([['list them, then run one', 'mx-iav scenarios']]),
  'micro-deposits': examples([
    ['a bank without instant verification: two small deposits instead', 'mx-iav micro-deposits create'],
    ['once they show on the statement, type the two amounts', 'mx-iav micro-deposits verify'],
    ['in CI', 'mx-iav micro-deposits verify --no-input \\\n      --deposit-amount 0.12 --deposit-amount 0.15'],
  ]),
  users: examples([['find a user by email', 'mx-iav users --email jane@example.com']]),
  members: examples([['the saved user\'s members', 'mx-iav members']]),
  report: examples([['a case summary to attach to a ticket', 'mx-iav report > case.txt']]),
  cleanup: examples([
    ['see what would be deleted, then confirm', 'mx-iav cleanup'],
    ['in CI, without asking', 'mx-iav cleanup --yes'],
  ]),
  doctor: examples([['check another profile\'s setup', 'mx-iav --profile jane doctor']]),
  completion: examples([
    ['bash', 'mx-iav completion bash >> ~/.bashrc'],
    ['zsh', 'mx-iav completion zsh > "${fpath[1]}/_mx-iav"'],
  ]),
};

export const EXIT_CODES = `
Exit codes:
  0    success
  1    unexpected error (run again with --debug)
  2    usage: a bad flag, argument or value (a --user/--member/--account guid
       MX does not know)
  3    configuration, or MX rejected the API credentials (401/403)
  4    MX API or network error
  5    the verification ended unsuccessfully (the status is named), or MX
       created the member but not its verification (create answered 201), or
       not as --expect/--scenario expected
  6    an answer is required but cannot be asked (--no-input, CI, no terminal)
  7    timed out waiting (--timeout), status --watch included
  130  interrupted: what was saved is kept; \`mx-iav resume\` continues`;

export const ENVIRONMENT_VARIABLES = `
Environment variables:
  MX_ENV, MX_BASE_URL,            connection (flags win over variables,
  MX_CLIENT_ID, MX_API_KEY        variables over config)
  MX_API_VERSION                  v20250224 (default) or v20111101
  MX_IAV_PROFILE                  profile name (default: default)
  MX_IAV_CONFIG_DIR               where profiles are kept
  MX_IAV_INSTITUTION              institution code for --no-input runs
  MX_IAV_CREDENTIAL_<FIELD_NAME>  bank credential, e.g.
                                  MX_IAV_CREDENTIAL_PASSWORD
  MX_IAV_ANSWERS                  challenge answer, or a JSON array of
                                  them in order (--answer wins)
  MX_IAV_SELECT_ACCOUNT           account to verify: value, label or
                                  first (--select-account wins)
  HTTPS_PROXY, HTTP_PROXY,        proxy for requests to MX, and the
  NO_PROXY                        hosts that go direct
  NODE_EXTRA_CA_CERTS             CA certificate of a proxy that
                                  inspects HTTPS
  NO_COLOR                        no colours, even if forced
  FORCE_COLOR                     colours even when piped (0: never)`;
