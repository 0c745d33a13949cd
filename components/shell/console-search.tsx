"use client";

import Form from "next/form";
import { useEffect, useId, useRef, useState } from "react";
import { SHORTCUTS, shortcutFor } from "@/components/shell/keyboard-shortcuts";

/**
 * The shell's search box: whatever is pasted (email, any of our ids or Cobo's, request id,
 * Idempotency-Key, hash, address, TSS node id) goes to /search, which opens the one page it names
 * or lists the matches. Also the console's keyboard shortcuts: / and Ctrl/⌘ K come here, ? shows
 * the help.
 */
export function ConsoleSearch() {
  const input = useRef<HTMLInputElement>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const inputId = useId();

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const action = shortcutFor(e);
      if (!action) return;
      e.preventDefault();
      if (action === "focus-search") {
        input.current?.focus();
        input.current?.select();
      } else setHelpOpen(true);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  return (
    <div className="flex min-w-0 items-center gap-2">
      <Form action="/search" role="search" aria-label="Console search" className="relative min-w-0 flex-1">
        <label htmlFor={inputId} className="sr-only">
          Search by email, id, request id, Idempotency-Key, hash, address or TSS node id
        </label>
        <input
          ref={input}
          id={inputId}
          name="q"
          type="search"
          required
          maxLength={200}
          autoComplete="off"
          spellCheck={false}
          placeholder="Email, id, hash, address, Idempotency-Key…"
          onKeyDown={(e) => {
            if (e.key === "Escape") e.currentTarget.blur();
          }}
          className="h-9 w-full rounded-md border border-zinc-300 bg-white pr-10 pl-3 text-sm text-zinc-900 shadow-xs placeholder:text-zinc-500 focus:border-indigo-500 focus:ring-1 focus:ring-indigo-500 focus:outline-none"
        />
        <kbd
          aria-hidden="true"
          className="pointer-events-none absolute top-1/2 right-2 -translate-y-1/2 rounded border border-zinc-300 px-1.5 font-mono text-[11px] text-zinc-600"
        >
          /
        </kbd>
      </Form>
      <button
        type="button"
        onClick={() => setHelpOpen(true)}
        aria-label="Keyboard shortcuts"
        title="Keyboard shortcuts (?)"
        className="h-9 shrink-0 rounded-md px-2.5 text-sm font-medium text-zinc-600 ring-1 ring-zinc-300 hover:bg-zinc-200/60 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-indigo-500"
      >
        ?
      </button>
      <ShortcutsHelp open={helpOpen} onClose={() => setHelpOpen(false)} />
    </div>
  );
}

/** A small modal listing the shortcuts (a native <dialog>: focus stays inside, Esc closes it). */
function ShortcutsHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (open && !el.open) el.showModal();
    if (!open && el.open) el.close();
  }, [open]);
  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      onClose={onClose}
      onClick={(e) => {
        // a click on the backdrop (the dialog element itself, outside its panel) closes it
        if (e.target === e.currentTarget) onClose();
      }}
      className="m-auto w-full max-w-sm rounded-lg border border-zinc-200 bg-white p-0 text-zinc-900 shadow-lg backdrop:bg-zinc-950/40 dark:backdrop:bg-black/60"
    >
      <div className="p-4">
        <h2 id={titleId} className="text-sm font-semibold">
          Keyboard shortcuts
        </h2>
        <dl className="mt-3 space-y-2 text-sm">
          {SHORTCUTS.map((s) => (
            <div key={s.does} className="flex items-center justify-between gap-4">
              <dt className="flex gap-1">
                {s.keys.map((k) => (
                  <kbd key={k} className="rounded border border-zinc-300 bg-zinc-50 px-1.5 font-mono text-xs text-zinc-800">
                    {k}
                  </kbd>
                ))}
              </dt>
              <dd className="text-right text-zinc-600">{s.does}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-3 text-xs text-zinc-600">/ and ? do nothing while you type in a field.</p>
        <div className="mt-4 flex justify-end">
          <button
            type="button"
            onClick={onClose}
            className="rounded-md bg-zinc-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-zinc-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500"
          >
            Close
          </button>
        </div>
      </div>
    </dialog>
  );
}
