import { existsSync, readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import { fileURLToPath } from "node:url";

// Where a server's CPU time went, from a V8 CPU profile (`BENCH_CPU_PROF=<dir>` makes the HTTP
// benchmarks start the server with --cpu-prof): self time grouped by original source file (the
// production build's chunks are mapped back through their source maps) and by package, plus the
// inclusive time of the frames of chosen source files (e.g. lib/http/route.ts).
// `--window=<from>-<to>` (seconds since the profile started) keeps only the samples of that span,
// e.g. the measured phase; the per-second busy share printed first shows where it is.
//   node --import tsx bench/http/profile-summary.ts <file.cpuprofile> [--window=12-40] [source substring …]

type CallFrame = { functionName: string; url: string; lineNumber: number; columnNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame; hitCount?: number; children?: number[] };
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

const args = process.argv.slice(2);
const windowArg = args.find((a) => a.startsWith("--window="));
const [file, ...focus] = args.filter((a) => a !== windowArg);
if (!file) {
  console.error("usage: profile-summary <file.cpuprofile> [source substring …]");
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;

// self time per node (µs), from the samples and their time deltas, within the window
const [fromS, toS] = windowArg ? windowArg.slice("--window=".length).split("-").map(Number) : [0, Infinity];
const idleIds = new Set(profile.nodes.filter((n) => n.callFrame.functionName === "(idle)").map((n) => n.id));
const selfUs = new Map<number, number>();
const busyPerSecond: number[] = [];
let at = 0;
profile.samples.forEach((id, i) => {
  const delta = profile.timeDeltas[i] ?? 0;
  at += delta;
  const second = Math.floor(at / 1e6);
  if (!idleIds.has(id)) busyPerSecond[second] = (busyPerSecond[second] ?? 0) + delta;
  if (second >= fromS! && second < toS!) selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
});
console.log(`busy share per second: ${Array.from(busyPerSecond, (us, s) => `${s}:${Math.round((us ?? 0) / 1e4)}`).join(" ")}\n`);

const maps = new Map<string, SourceMap | null>();
function sourceMapOf(url: string): SourceMap | null {
  if (maps.has(url)) return maps.get(url)!;
  let map: SourceMap | null = null;
  try {
    const path = url.startsWith("file://") ? fileURLToPath(url) : url;
    if (existsSync(`${path}.map`)) map = new SourceMap(JSON.parse(readFileSync(`${path}.map`, "utf8")));
  } catch {
    map = null;
  }
  maps.set(url, map);
  return map;
}

/** The original source of a frame: mapped through the chunk's source map, else its own file or a label. */
function sourceOf(frame: CallFrame): string {
  if (!frame.url) return frame.functionName ? `(${frame.functionName})` : "(native)";
  if (frame.url.startsWith("node:")) return frame.url;
  const map = sourceMapOf(frame.url);
  if (map) {
    const entry = map.findEntry(frame.lineNumber, frame.columnNumber) as { originalSource?: string };
    if (entry.originalSource) return entry.originalSource.replace(/^.*?\[project\]\//, "").replace(/^turbopack:\/\/\//, "");
  }
  return frame.url.replace(/^file:\/\//, "").replace(/^.*?\/node_modules\//, "node_modules/");
}

function packageOf(source: string): string {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  if (m) return m[1]!;
  if (source.startsWith("node:") || source.startsWith("(")) return source.startsWith("(") ? source : "node internals";
  return source.split("/").slice(0, 2).join("/");
}

const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
const bySource = new Map<string, number>();
const byPackage = new Map<string, number>();
const sources = new Map<number, string>();
for (const node of profile.nodes) {
  const source = sourceOf(node.callFrame);
  sources.set(node.id, source);
  const us = selfUs.get(node.id) ?? 0;
  bySource.set(source, (bySource.get(source) ?? 0) + us);
  byPackage.set(packageOf(source), (byPackage.get(packageOf(source)) ?? 0) + us);
}

const pct = (us: number) => `${((us / total) * 100).toFixed(1).padStart(5)} %`;
const top = (m: Map<string, number>, n: number) =>
  [...m.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, us]) => `${pct(us)}  ${k}`)
    .join("\n");

console.log(`profile: ${(total / 1e6).toFixed(2)} s sampled (idle included)\n`);
console.log(`self time by package or area:\n${top(byPackage, 25)}\n`);
console.log(`self time by source file:\n${top(bySource, 40)}\n`);

// inclusive time of frames from the focus files (a frame counted once even when nested)
if (focus.length) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const inclusive = (id: number): number => {
    const node = byId.get(id)!;
    return (selfUs.get(id) ?? 0) + (node.children ?? []).reduce((a, c) => a + inclusive(c), 0);
  };
  for (const f of focus) {
    let us = 0;
    const walk = (id: number, inside: boolean) => {
      const node = byId.get(id)!;
      const match = !inside && sources.get(id)!.includes(f);
      if (match) us += inclusive(id);
      for (const c of node.children ?? []) walk(c, inside || match);
    };
    walk(profile.nodes[0]!.id, false);
    console.log(`inclusive time under frames of ${f}: ${pct(us)}`);
  }
}
