// Every relative link of the repository's Markdown (README.md, docs/, examples/, bench/…) leads somewhere: the
// file or directory exists in the checkout, and a `#fragment` names a heading of the target page (GitHub's
// anchors: the heading in lower case, punctuation but `-` and `_` dropped, spaces made `-`). Links to
// other sites are not followed (no network here).
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/engine";

/** The Markdown files git tracks, but generated SDK READMEs and vendored files. */
const pages = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", "*.md"], { cwd: repoRoot, encoding: "utf8" })
  .split("\0")
  .filter((f) => f && !f.startsWith("node_modules/") && existsSync(path.join(repoRoot, f)));

/** GitHub's anchor of a heading. */
const slug = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/`/g, "")
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");

/** The anchors of a Markdown page: one per heading, outside code blocks, `-1`, `-2`… for repeats. */
function anchors(file: string): Set<string> {
  const text = readFileSync(file, "utf8").replace(/^```[\s\S]*?^```/gm, "");
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const [, heading] of text.matchAll(/^#{1,6}\s+(.+)$/gm)) {
    const base = slug(heading!);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

/** `[text](target)` links of a page outside code blocks and inline code, with their line. */
function links(file: string): Array<{ line: number; target: string }> {
  const lines = readFileSync(path.join(repoRoot, file), "utf8").split("\n");
  const out: Array<{ line: number; target: string }> = [];
  let fenced = false;
  lines.forEach((text, i) => {
    if (/^\s*```/.test(text)) fenced = !fenced;
    if (fenced) return;
    for (const [, target] of text.replace(/`[^`]*`/g, "").matchAll(/\]\(([^)\s]+)\)/g)) out.push({ line: i + 1, target: target! });
  });
  return out;
}

describe("the repository's Markdown links", () => {
  it("are read from README.md, the docs pages and the examples' READMEs", () => {
    expect(pages).toEqual(expect.arrayContaining(["README.md", "docs/pulumi.md", "docs/pulumi-native.md", "docs/installation-configuration.md", "examples/README.md"]));
  });

  it("lead to files and directories of the checkout, and to headings of the pages they name", () => {
    const broken: string[] = [];
    for (const page of pages) {
      for (const { line, target } of links(page)) {
        if (/^[a-z][a-z+.-]*:/i.test(target)) continue; // https:, mailto:
        const [file, fragment] = target.split("#") as [string, string | undefined];
        const resolved = file === "" ? path.join(repoRoot, page) : path.resolve(repoRoot, path.dirname(page), decodeURI(file));
        if (!resolved.startsWith(`${repoRoot}${path.sep}`) || !existsSync(resolved)) {
          broken.push(`${page}:${line}: ${target} (no such file in the checkout)`);
          continue;
        }
        if (fragment !== undefined && statSync(resolved).isFile() && resolved.endsWith(".md") && !anchors(resolved).has(fragment)) {
          broken.push(`${page}:${line}: ${target} (no heading with that anchor)`);
        }
      }
    }
    expect(broken).toEqual([]);
  });
});
