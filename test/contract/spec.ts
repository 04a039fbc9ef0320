import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';

// MX's OpenAPI files are the contract, one per API version. Byte-for-byte copies ship in the repository (MIT, see
// mx-openapi/SOURCE.md) so a fresh clone anywhere can run the suite; spec-copy.test.ts checks them against the team's
// shared copies when present.
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SPEC_VERSIONS = ['v20250224', 'v20111101'] as const;
export type SpecVersion = (typeof SPEC_VERSIONS)[number];
export const specPathOf = (version: SpecVersion) => path.resolve(repoRoot, 'test', 'contract', 'mx-openapi', `${version}.yml`);
export const sharedSpecPathOf = (version: SpecVersion) => path.resolve(repoRoot, '..', 'shared', 'mx-openapi', `${version}.yml`);
/** The media type each version's spec declares for its responses (v20111101: MX's vendor type; v20250224: plain JSON). */
export const MEDIA_TYPES: Record<SpecVersion, string> = {
  v20250224: 'application/json',
  v20111101: 'application/vnd.mx.api.v1+json',
};

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- raw YAML

export interface QueryParam {
  name: string;
  type: string | undefined;
  /** For an array parameter (v20250224 `supported_products`): the values its items may take. */
  itemEnum: string[] | undefined;
}

export interface Operation {
  operationId: string;
  method: string;
  template: string;
  /** Undefined when the operation takes no body. */
  validateRequest: ValidateFunction | undefined;
  /** Declared statuses → body validator (null: the status has no body, like 204). */
  responses: Map<number, ValidateFunction | null>;
  queryParams: Map<string, QueryParam>;
  requiredHeaders: string[];
}

export interface Spec {
  version: SpecVersion;
  /** The media type this version's responses are declared in. */
  mediaType: string;
  operations: Operation[];
  find(method: string, pathname: string): Operation | undefined;
  /** A validator for `#/components/schemas/<name>`. */
  schema(name: string): ValidateFunction;
  /** A validator for an ad-hoc schema (compiled once per object). */
  compile(schema: object): ValidateFunction;
  errorsText(validate: ValidateFunction): string;
}

const loaded = new Map<SpecVersion, Spec>();

/** Each version's spec is parsed and compiled once per process. */
export function loadSpec(version: SpecVersion): Spec {
  let spec = loaded.get(version);
  if (!spec) loaded.set(version, (spec = compileSpec(version)));
  return spec;
}

function compileSpec(version: SpecVersion): Spec {
  const mediaType = MEDIA_TYPES[version];
  const doc = parse(readFileSync(specPathOf(version), 'utf8')) as Obj;
  // OpenAPI 3.0 schemas are JSON Schema plus `nullable`/`example`, which Ajv 8 understands or ignores (strict off).
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  // Closed objects: a field the version does not declare (skip_aggregation on v20250224, an institution's
  // supports_account_verification) is a difference between the versions, so it is a violation, not noise.
  ajv.addSchema({ $id: 'mx', components: { schemas: close(doc.components.schemas) } });
  const compiled = new Map<string, ValidateFunction>();
  const compileRef = (ref: string): ValidateFunction => {
    let fn = compiled.get(ref);
    if (!fn) compiled.set(ref, (fn = ajv.compile({ $ref: `mx${ref}` })));
    return fn;
  };
  const compileSchema = (schema: Obj | undefined): ValidateFunction | undefined => {
    if (!schema) return undefined;
    return typeof schema.$ref === 'string' ? compileRef(schema.$ref) : ajv.compile(close(rebase(schema)) as object);
  };
  const adHoc = new WeakMap<object, ValidateFunction>();
  const deref = (item: Obj): Obj => (typeof item.$ref === 'string' ? (lookup(doc, item.$ref) as Obj) : item);

  const operations: Operation[] = [];
  for (const [template, pathItem] of Object.entries(doc.paths as Obj)) {
    // v20250224 declares some parameters (Accept-Version among them) once for the whole path.
    const shared = ((pathItem.parameters ?? []) as Obj[]).map(deref);
    for (const [method, op] of Object.entries(pathItem as Obj)) {
      if (!['get', 'post', 'put', 'delete', 'patch'].includes(method)) continue;
      const params = [...shared, ...((op.parameters ?? []) as Obj[]).map(deref)];
      const responses = new Map<number, ValidateFunction | null>();
      for (const [code, response] of Object.entries(op.responses as Obj)) {
        const schema = (response as Obj).content?.[mediaType]?.schema as Obj | undefined;
        responses.set(Number(code), compileSchema(schema) ?? null);
      }
      operations.push({
        operationId: op.operationId as string,
        method: method.toUpperCase(),
        template,
        validateRequest: compileSchema(op.requestBody?.content?.['application/json']?.schema as Obj | undefined),
        responses,
        queryParams: new Map(params.filter((p) => p.in === 'query').map((p) => [p.name as string, queryParam(p)])),
        requiredHeaders: params.filter((p) => p.in === 'header' && p.required).map((p) => (p.name as string).toLowerCase()),
      });
    }
  }
  // Literal segments beat parameters: /institutions/favorites is not /institutions/{institution_code}.
  const matchers = operations
    .map((op) => ({ op, regex: templateRegex(op.template), params: (op.template.match(/\{/g) ?? []).length }))
    .sort((a, b) => a.params - b.params);

  return {
    version,
    mediaType,
    operations,
    find: (method, pathname) => matchers.find((m) => m.op.method === method && m.regex.test(pathname))?.op,
    schema: (name) => compileRef(`#/components/schemas/${name}`),
    compile: (schema) => {
      let fn = adHoc.get(schema);
      if (!fn) adHoc.set(schema, (fn = ajv.compile(schema)));
      return fn;
    },
    errorsText: (validate) => ajv.errorsText(validate.errors, { dataVar: 'body' }),
  };
}

/** An inline schema's `#/components/...` references, pointed at the registered components (v20250224 has such). */
function rebase(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(rebase);
  if (!schema || typeof schema !== 'object') return schema;
  return Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `mx${v}` : rebase(v)]));
}

/** Every object schema that lists its properties, closed to others (none of MX's IAV schemas uses allOf). */
function close(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(close);
  if (!schema || typeof schema !== 'object') return schema;
  const copy = Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, k === 'example' ? v : close(v)]));
  return 'properties' in copy && !('additionalProperties' in copy) ? { ...copy, additionalProperties: false } : copy;
}

function queryParam(p: Obj): QueryParam {
  const items = p.schema?.items as Obj | undefined;
  return { name: p.name as string, type: p.schema?.type as string | undefined, itemEnum: items?.enum as string[] | undefined };
}

function templateRegex(template: string): RegExp {
  const escaped = template.split(/\{[^}]+\}/).map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('[^/]+')}$`);
}

function lookup(doc: Obj, ref: string): unknown {
  return ref.replace(/^#\//, '').split('/').reduce<unknown>((node, key) => (node as Obj)?.[key], doc);
}

/** A query value is a string on the wire; check it could be the declared type (an array's item: one repeated key). */
export function queryValueFits(param: QueryParam, value: string): boolean {
  const type = param.type;
  if (type === 'array') return param.itemEnum === undefined || param.itemEnum.includes(value);
  if (type === 'integer') return /^-?\d+$/.test(value);
  if (type === 'number') return value.trim() !== '' && !Number.isNaN(Number(value));
  if (type === 'boolean') return value === 'true' || value === 'false';
  return true;
}
