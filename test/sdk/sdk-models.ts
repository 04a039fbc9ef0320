import { createRequire } from 'node:module';
import ts from 'typescript';

// The SDK's declared models are its promise to its users: every response the sandbox gives it is held against the
// TypeScript interfaces in mx-platform-node's own api.d.ts, read with the compiler, not against anything written here.

const API_DTS = createRequire(import.meta.url).resolve('mx-platform-node/dist/api.d.ts');

export interface SdkModels {
  /** The model a method of an *Api class declares it resolves to, e.g. ('MembersApi', 'readMember') → MemberResponseBody. */
  modelOf(api: string, method: string): string;
  /** Where `value` departs from the named model: undeclared properties and values of incompatible types. */
  problems(model: string, value: unknown): string[];
}

export function loadSdkModels(): SdkModels {
  const program = ts.createProgram([API_DTS], { strict: true, noEmit: true, skipLibCheck: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(API_DTS);
  if (!source) throw new Error(`cannot read ${API_DTS}`);
  const interfaces = new Map<string, ts.InterfaceDeclaration>();
  const classes = new Map<string, ts.ClassDeclaration>();
  for (const statement of source.statements) {
    if (ts.isInterfaceDeclaration(statement)) interfaces.set(statement.name.text, statement);
    if (ts.isClassDeclaration(statement) && statement.name) classes.set(statement.name.text, statement);
  }

  const has = (type: ts.Type, flags: ts.TypeFlags) => (type.isUnion() ? type.types : [type]).some((t) => (t.flags & flags) !== 0);
  const describe = (type: ts.Type) => checker.typeToString(type);

  const check = (value: unknown, type: ts.Type, where: string): string[] => {
    if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return [];
    if (value === null) return has(type, ts.TypeFlags.Null) ? [] : [`${where} is null; declared ${describe(type)}`];
    const parts = (type.isUnion() ? type.types : [type]).filter((t) => !(t.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)));
    if (typeof value === 'string') {
      if (parts.some((t) => t.flags & ts.TypeFlags.String)) return [];
      const literals = parts.filter((t): t is ts.StringLiteralType => t.isStringLiteral()).map((t) => t.value);
      return literals.includes(value) ? [] : [`${where} is the string ${JSON.stringify(value)}; declared ${describe(type)}`];
    }
    if (typeof value === 'number') return parts.some((t) => t.flags & (ts.TypeFlags.Number | ts.TypeFlags.NumberLiteral)) ? [] : [`${where} is a number; declared ${describe(type)}`];
    if (typeof value === 'boolean') return parts.some((t) => t.flags & (ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral)) ? [] : [`${where} is a boolean; declared ${describe(type)}`];
    if (Array.isArray(value)) {
      const array = parts.find((t) => checker.isArrayType(t));
      if (!array) return [`${where} is an array; declared ${describe(type)}`];
      const [element] = checker.getTypeArguments(array as ts.TypeReference);
      return value.flatMap((item, index) => check(item, element!, `${where}[${index}]`));
    }
    const object = parts.find((t) => t.flags & ts.TypeFlags.Object && !checker.isArrayType(t));
    if (!object) return [`${where} is an object; declared ${describe(type)}`];
    if (object.getProperties().length === 0) return []; // `object` or `{}`: any shape is declared
    return Object.entries(value as Record<string, unknown>).flatMap(([key, item]) => {
      const property = object.getProperty(key);
      if (!property) return [`${where}.${key} is not declared in ${describe(object)}`];
      return check(item, checker.getTypeOfSymbol(property), `${where}.${key}`);
    });
  };

  return {
    modelOf(api, method) {
      const member = classes.get(api)?.members.find((m): m is ts.MethodDeclaration => ts.isMethodDeclaration(m) && m.name.getText(source) === method);
      // Promise<AxiosResponse<Model, any, {}>>
      const promised = member?.type && ts.isTypeReferenceNode(member.type) ? member.type.typeArguments?.[0] : undefined;
      const response = promised && (ts.isImportTypeNode(promised) || ts.isTypeReferenceNode(promised)) ? promised.typeArguments?.[0] : undefined;
      if (!response) throw new Error(`${api}.${method} is not declared to resolve to a model`);
      return response.getText(source);
    },
    problems(model, value) {
      const declaration = interfaces.get(model);
      if (!declaration) return model === 'void' && (value === '' || value === undefined || value === null) ? [] : [`no model ${model} in the SDK`];
      return check(value, checker.getTypeAtLocation(declaration.name), model);
    },
  };
}
