// The JSDoc of the interfaces and classes of a TypeScript file, read with the TypeScript compiler, lines
// joined by one space: what an editor shows a user of the dynamic Token.
import ts from "typescript";

export interface Documented {
  doc: string;
  members: Record<string, { doc: string; type: string }>;
}

export function readJsDoc(file: string): Record<string, Documented> {
  const program = ts.createProgram([file], { target: ts.ScriptTarget.ES2022, strict: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  if (!source) throw new Error(`cannot read ${file}`);
  const docOf = (name: ts.Node) =>
    ts
      .displayPartsToString(checker.getSymbolAtLocation(name)?.getDocumentationComment(checker))
      .replace(/\s*\n\s*/g, " ");
  const out: Record<string, Documented> = {};
  ts.forEachChild(source, (node) => {
    if (!(ts.isInterfaceDeclaration(node) || ts.isClassDeclaration(node)) || !node.name) return;
    const members: Documented["members"] = {};
    for (const member of node.members) {
      if (!member.name || !ts.isIdentifier(member.name) || !("type" in member) || !member.type) continue;
      members[member.name.text] = { doc: docOf(member.name), type: (member.type as ts.TypeNode).getText(source) };
    }
    out[node.name.text] = { doc: docOf(node.name), members };
  });
  return out;
}
