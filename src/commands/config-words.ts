// The words `mx-iav config` takes, shared by the command, its help and shell completion (which reads them from the
// command tree), so a new setting is completed as soon as it exists.

export const CONFIG_ACTIONS = ['get', 'set', 'unset', 'list', 'path'] as const;

/** Each setting's name on the command line, and its name in the profile file. */
export const SETTING_KEYS = {
  'api-key': 'api_key',
  'client-id': 'client_id',
  environment: 'environment',
  'base-url': 'base_url',
  'api-version': 'api_version',
} as const;
