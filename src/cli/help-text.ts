export const EXAMPLES = `
Examples:
  $ mx-iav verify                                  guided verification (built-in sandbox when no credentials are set)
  $ MX_IAV_CREDENTIAL_LOGIN=mxuser MX_IAV_CREDENTIAL_PASSWORD=password \\
      mx-iav verify --no-input --json --institution mxbank --select-account first
  $ mx-iav sandbox --port 4010                     serve the MX-compatible sandbox for other tools
  $ mx-iav status --watch                          follow the saved member's connection status
  $ mx-iav account-numbers --reveal                show whole account numbers
  $ mx-iav verify --no-input --scenario denied --junit iav.xml   CI smoke test: exit 0 when it ends as expected
  $ mx-iav doctor                                  check credentials, config and the API, with fixes`;

export const EXIT_CODES = `
Exit codes:
  0    success
  1    unexpected error (run again with --debug)
  2    usage: a bad flag, argument or value (a --user/--member/--account guid MX does not know)
  3    configuration, or MX rejected the API credentials (401/403)
  4    MX API or network error
  5    the verification ended unsuccessfully (the status is named), or MX created the member but not its
       verification (create answered 201), or not as --expect/--scenario expected
  6    an answer is required but cannot be asked (--no-input, CI, or no terminal)
  7    timed out waiting (--timeout), status --watch included
  130  interrupted: what was saved is kept; \`mx-iav resume\` continues`;

export const ENVIRONMENT_VARIABLES = `
Environment variables:
  MX_ENV, MX_BASE_URL, MX_CLIENT_ID, MX_API_KEY   connection (flags win over variables, variables over config)
  MX_API_VERSION                                  v20250224 (default) or v20111101
  MX_IAV_PROFILE                                  profile name (default: default)
  MX_IAV_CONFIG_DIR                               where profiles are kept
  MX_IAV_INSTITUTION                              institution code for --no-input runs
  MX_IAV_CREDENTIAL_<FIELD_NAME>                  bank credential, e.g. MX_IAV_CREDENTIAL_PASSWORD
  NO_COLOR                                        no colours, even if forced
  FORCE_COLOR                                     colours even when piped (0: never)`;
