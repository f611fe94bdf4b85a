/**
 * Holds the TypeScript consumer to "uses the whole public API": with the compiler API, lists
 * each subpath's exports as the packed declarations declare them and reports every one that no
 * file of the consumer imports (by name, or as `ns.Name` through a namespace import). `noUnusedLocals` in the matrix then makes sure each
 * imported name is also used.
 */
import { join } from 'node:path';
import ts from 'typescript';

/**
 * The names each module specifier is used with: named imports, and `ns.Name` through a
 * namespace import; plus one specifier node to resolve the module by.
 *
 * @param {ts.Program} program
 * @param {readonly string[]} rootNames
 * @returns {Map<string, { names: Set<string>; node: ts.StringLiteral }>}
 */
function importsBySpecifier(program, rootNames) {
  /** @type {Map<string, { names: Set<string>; node: ts.StringLiteral }>} */
  const imports = new Map();
  for (const file of program.getSourceFiles()) {
    if (!rootNames.includes(file.fileName)) continue;
    /** @type {Map<string, Set<string>>} namespace alias -> the names of its module */
    const namespaces = new Map();
    for (const statement of file.statements) {
      if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) {
        continue;
      }
      const node = statement.moduleSpecifier;
      const entry = imports.get(node.text) ?? { names: new Set(), node };
      imports.set(node.text, entry);
      const bindings = statement.importClause?.namedBindings;
      if (bindings === undefined) continue;
      if (ts.isNamespaceImport(bindings)) namespaces.set(bindings.name.text, entry.names);
      else
        for (const element of bindings.elements)
          entry.names.add((element.propertyName ?? element.name).text);
    }
    if (namespaces.size > 0) collectQualifiedNames(file, namespaces);
  }
  return imports;
}

/**
 * Adds `Name` to its module's names for every `ns.Name` in the file, in types and in values.
 *
 * @param {ts.SourceFile} file
 * @param {Map<string, Set<string>>} namespaces
 */
function collectQualifiedNames(file, namespaces) {
  const visit = (/** @type {ts.Node} */ node) => {
    const [left, right] = ts.isQualifiedName(node)
      ? [node.left, node.right]
      : ts.isPropertyAccessExpression(node)
        ? [node.expression, node.name]
        : [];
    if (left !== undefined && right !== undefined && ts.isIdentifier(left)) {
      namespaces.get(left.text)?.add(right.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
}

/**
 * What the consumer in `project/src` fails to import, one line per subpath with a gap.
 *
 * @param {string} project a consumer project with the package installed
 * @param {readonly string[]} specifiers e.g. `['voiceflow-webhooks', 'voiceflow-webhooks/web']`
 * @returns {string[]}
 */
export function missingImports(project, specifiers) {
  const rootNames = ts.sys.readDirectory(join(project, 'src'), ['.ts']);
  const program = ts.createProgram(rootNames, {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
    types: ['node'],
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const imports = importsBySpecifier(program, rootNames);
  return specifiers.flatMap((specifier) => {
    const entry = imports.get(specifier);
    if (entry === undefined) return [`${specifier} is not imported by test/package/consumer-ts`];
    const module = checker.getSymbolAtLocation(entry.node);
    if (module === undefined) return [`${specifier} does not resolve to declarations`];
    const unused = checker
      .getExportsOfModule(module)
      .map((symbol) => symbol.name)
      .filter((name) => !entry.names.has(name));
    return unused.length === 0
      ? []
      : [`${specifier} exports, never imported: ${unused.join(', ')}`];
  });
}
