import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';

// MX's OpenAPI file is the contract. A byte-for-byte copy ships in the repository (MIT, see mx-openapi/SOURCE.md) so a
// fresh clone anywhere can run the suite; spec-copy.test.ts checks it against the team's shared copy when present.
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const specPath = path.resolve(repoRoot, 'test', 'contract', 'mx-openapi', 'v20111101.yml');
export const sharedSpecPath = path.resolve(repoRoot, '..', 'shared', 'mx-openapi', 'v20111101.yml');
export const MX_MEDIA_TYPE = 'application/vnd.mx.api.v1+json';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- raw YAML

export interface QueryParam {
  name: string;
  type: string | undefined;
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
  operations: Operation[];
  find(method: string, pathname: string): Operation | undefined;
  /** A validator for `#/components/schemas/<name>`. */
  schema(name: string): ValidateFunction;
  /** A validator for an ad-hoc schema (compiled once per object). */
  compile(schema: object): ValidateFunction;
  errorsText(validate: ValidateFunction): string;
}

export function loadSpec(file = specPath): Spec {
  const doc = parse(readFileSync(file, 'utf8')) as Obj;
  // OpenAPI 3.0 schemas are JSON Schema plus `nullable`/`example`, which Ajv 8 understands or ignores (strict off).
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema({ $id: 'mx', components: { schemas: doc.components.schemas } });
  const compiled = new Map<string, ValidateFunction>();
  const compileRef = (ref: string): ValidateFunction => {
    let fn = compiled.get(ref);
    if (!fn) compiled.set(ref, (fn = ajv.compile({ $ref: `mx${ref}` })));
    return fn;
  };
  const compileSchema = (schema: Obj | undefined): ValidateFunction | undefined => {
    if (!schema) return undefined;
    return typeof schema.$ref === 'string' ? compileRef(schema.$ref) : ajv.compile({ ...schema, $id: undefined });
  };
  const adHoc = new WeakMap<object, ValidateFunction>();
  const deref = (item: Obj): Obj => (typeof item.$ref === 'string' ? (lookup(doc, item.$ref) as Obj) : item);

  const operations: Operation[] = [];
  for (const [template, pathItem] of Object.entries(doc.paths as Obj)) {
    for (const [method, op] of Object.entries(pathItem as Obj)) {
      if (!['get', 'post', 'put', 'delete', 'patch'].includes(method)) continue;
      const params = ((op.parameters ?? []) as Obj[]).map(deref);
      const responses = new Map<number, ValidateFunction | null>();
      for (const [code, response] of Object.entries(op.responses as Obj)) {
        const schema = (response as Obj).content?.[MX_MEDIA_TYPE]?.schema as Obj | undefined;
        responses.set(Number(code), compileSchema(schema) ?? null);
      }
      operations.push({
        operationId: op.operationId as string,
        method: method.toUpperCase(),
        template,
        validateRequest: compileSchema(op.requestBody?.content?.['application/json']?.schema as Obj | undefined),
        responses,
        queryParams: new Map(params.filter((p) => p.in === 'query').map((p) => [p.name as string, { name: p.name, type: p.schema?.type }])),
        requiredHeaders: params.filter((p) => p.in === 'header' && p.required).map((p) => (p.name as string).toLowerCase()),
      });
    }
  }
  // Literal segments beat parameters: /institutions/favorites is not /institutions/{institution_code}.
  const matchers = operations
    .map((op) => ({ op, regex: templateRegex(op.template), params: (op.template.match(/\{/g) ?? []).length }))
    .sort((a, b) => a.params - b.params);

  return {
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

function templateRegex(template: string): RegExp {
  const escaped = template.split(/\{[^}]+\}/).map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('[^/]+')}$`);
}

function lookup(doc: Obj, ref: string): unknown {
  return ref.replace(/^#\//, '').split('/').reduce<unknown>((node, key) => (node as Obj)?.[key], doc);
}

/** A query value is a string on the wire; check it could be the declared scalar type. */
export function queryValueFits(type: string | undefined, value: string): boolean {
  if (type === 'integer') return /^-?\d+$/.test(value);
  if (type === 'number') return value.trim() !== '' && !Number.isNaN(Number(value));
  if (type === 'boolean') return value === 'true' || value === 'false';
  return true;
}
