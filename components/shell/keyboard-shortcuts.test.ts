import { describe, expect, it } from "vitest";
import { shortcutFor } from "@/components/shell/keyboard-shortcuts";

const key = (k: string, opts: { ctrl?: boolean; meta?: boolean; alt?: boolean; target?: unknown; composing?: boolean } = {}) => ({
  key: k,
  ctrlKey: opts.ctrl ?? false,
  metaKey: opts.meta ?? false,
  altKey: opts.alt ?? false,
  isComposing: opts.composing ?? false,
  target: (opts.target ?? { tagName: "BODY" }) as EventTarget,
});

describe("shortcutFor", () => {
  it("/ and Ctrl/⌘ K go to the search box; ? shows the help", () => {
    expect(shortcutFor(key("/"))).toBe("focus-search");
    expect(shortcutFor(key("k", { ctrl: true }))).toBe("focus-search");
    expect(shortcutFor(key("K", { meta: true }))).toBe("focus-search");
    expect(shortcutFor(key("?"))).toBe("show-help");
  });

  it("leaves typing alone: / and ? in inputs, textareas, selects and editable text are text", () => {
    for (const target of [
      { tagName: "INPUT" },
      { tagName: "TEXTAREA" },
      { tagName: "SELECT" },
      { tagName: "DIV", isContentEditable: true },
    ]) {
      expect(shortcutFor(key("/", { target }))).toBeNull();
      expect(shortcutFor(key("?", { target }))).toBeNull();
    }
    expect(shortcutFor(key("k", { ctrl: true, target: { tagName: "TEXTAREA" } }))).toBe("focus-search");
  });

  it("ignores other keys, modified keys and composition", () => {
    expect(shortcutFor(key("k"))).toBeNull();
    expect(shortcutFor(key("/", { ctrl: true }))).toBeNull();
    expect(shortcutFor(key("k", { ctrl: true, alt: true }))).toBeNull();
    expect(shortcutFor(key("/", { composing: true }))).toBeNull();
    expect(shortcutFor({ ...key("/"), defaultPrevented: true })).toBeNull();
  });
});
