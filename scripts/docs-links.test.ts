import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Every reference to the repository's own docs resolves: code and docs cite `docs/<name>.md` and
// `docs/<name>.md#<anchor>` (and, inside docs/, `<name>.md#<anchor>`), and each such file must exist
// and each anchor must be a heading of it (GitHub's heading ids). Nothing points outside the repository.

const ROOT = path.resolve(__dirname, "..");

/** GitHub's id for a Markdown heading: lower case, punctuation dropped, spaces as hyphens. */
function headingId(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

function anchorsOf(file: string): Set<string> {
  const ids = new Set<string>();
  let fenced = false;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (line.startsWith("```")) fenced = !fenced;
    const m = !fenced && /^#{1,6}\s+(.*)$/.exec(line);
    if (!m) continue;
    const base = headingId(m[1]!);
    let id = base;
    for (let n = 1; ids.has(id); n++) id = `${base}-${n}`;
    ids.add(id);
  }
  return ids;
}

type Ref = { from: string; line: number; file: string; anchor: string | null };

function references(): Ref[] {
  const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" })
    .split("\n")
    .filter((f) => /\.(ts|tsx|mjs|md)$/.test(f) && !f.startsWith("node_modules/") && existsSync(path.join(ROOT, f)));
  const refs: Ref[] = [];
  for (const from of files) {
    const text = readFileSync(path.join(ROOT, from), "utf8").split("\n");
    text.forEach((line, i) => {
      for (const m of line.matchAll(/\bdocs\/([a-z0-9-]+\.md)(#[A-Za-z0-9_-]+)?/g))
        refs.push({ from, line: i + 1, file: `docs/${m[1]}`, anchor: m[2]?.slice(1) ?? null });
      // relative links between the docs themselves: [text](other.md#anchor)
      if (from.startsWith("docs/"))
        for (const m of line.matchAll(/\]\(([a-z0-9-]+\.md)?(#[A-Za-z0-9_-]+)?\)/g))
          if (m[1] || m[2]) refs.push({ from, line: i + 1, file: `docs/${m[1] ?? path.basename(from)}`, anchor: m[2]?.slice(1) ?? null });
    });
  }
  return refs;
}

describe("references to docs/", () => {
  it("headingId follows GitHub's ids", () => {
    expect(headingId("2. Are retries signed afresh?")).toBe("2-are-retries-signed-afresh");
    expect(headingId("1. `Biz-Timestamp` unit")).toBe("1-biz-timestamp-unit");
    expect(headingId("Checklist for a first Cobo dev session")).toBe("checklist-for-a-first-cobo-dev-session");
  });

  it("every cited file exists and every cited anchor is one of its headings", () => {
    const refs = references();
    expect(refs.length).toBeGreaterThan(20);
    const anchors = new Map<string, Set<string>>();
    const broken: string[] = [];
    for (const r of refs) {
      const file = path.join(ROOT, r.file);
      if (!existsSync(file)) {
        broken.push(`${r.from}:${r.line}: ${r.file} does not exist`);
        continue;
      }
      if (!r.anchor) continue;
      if (!anchors.has(r.file)) anchors.set(r.file, anchorsOf(file));
      if (!anchors.get(r.file)!.has(r.anchor)) broken.push(`${r.from}:${r.line}: ${r.file}#${r.anchor} is no heading of it`);
    }
    expect(broken).toEqual([]);
  });
});
