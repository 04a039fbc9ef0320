export const CONF_AJV_OPTIONS: { allErrors: boolean; useDefaults: boolean; validateSchema: boolean };
export function profileRootSchema(root: string): Promise<Record<string, unknown>>;
export function precompiledValidatorModule(root: string): Promise<string>;
