// The console's keyboard shortcuts, as the help dialog lists them and the shell's listener reads them.

export const SHORTCUTS = [
  { keys: ["/"], does: "Search" },
  { keys: ["Ctrl", "K"], does: "Search (⌘ K on a Mac)" },
  { keys: ["?"], does: "Show these shortcuts" },
  { keys: ["Esc"], does: "Leave the search box, close this help" },
] as const;

export type ShortcutAction = "focus-search" | "show-help";

type KeyEventLike = {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  isComposing?: boolean;
  defaultPrevented?: boolean;
  target: EventTarget | null;
};

/** True while the user is typing: in a text field, a select or anything editable. */
function isTyping(target: EventTarget | null): boolean {
  if (typeof target !== "object" || target === null || !("tagName" in target)) return false;
  const el = target as { tagName: string; isContentEditable?: boolean };
  return el.isContentEditable === true || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName);
}

/**
 * What a key press asks for, or null. "/" and "?" are text, so while typing they are left alone;
 * Ctrl/⌘ K types nothing and works everywhere (the search box is where one goes from a form too).
 */
export function shortcutFor(e: KeyEventLike): ShortcutAction | null {
  if (e.defaultPrevented || e.isComposing) return null;
  if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === "k") return "focus-search";
  if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return null;
  if (e.key === "/") return "focus-search";
  if (e.key === "?") return "show-help";
  return null;
}
