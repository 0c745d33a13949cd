"use client";

import { startTransition, useActionState, useRef } from "react";
import type { ActionResult, ServerAction } from "@/components/actions/action-result";

// The client half of the console's action client (app/(console)/_lib/console-action.ts): a form
// calls a server action with plain input built from its fields, and gets `{data}` or `{error}`
// back. The form is submitted through onSubmit, not the `action` prop, so React does not clear
// what the admin typed when the answer is a validation error.

export type { ServerAction };

export type ActionFormState<T> = ActionResult<T> | null;

const UNREACHABLE = { code: "unreachable", message: "The console could not be reached. Check your connection and try again." };

export function useActionForm<T>(action: ServerAction<T>, toInput: (form: FormData) => unknown, opts: { resetOnSuccess?: boolean } = {}) {
  const formRef = useRef<HTMLFormElement>(null);
  const [state, dispatch, pending] = useActionState<ActionFormState<T>, FormData>(async (_previous, form) => {
    let result: ActionResult<T>;
    try {
      result = await action(toInput(form));
    } catch {
      // A network failure (or a server that is restarting); the action itself never throws.
      return { error: UNREACHABLE };
    }
    if ("data" in result && opts.resetOnSuccess) formRef.current?.reset();
    return result;
  }, null);

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(() => dispatch(form));
  }

  const error = state && "error" in state ? state.error : null;
  /** The message for one field (also for its items: `nodeIds` covers `nodeIds.0`). */
  function fieldError(name: string): string | undefined {
    return error?.fields?.find((f) => f.path === name || f.path.startsWith(`${name}.`))?.message;
  }

  return { formRef, onSubmit, pending, state, data: state && "data" in state ? state.data : null, error, fieldError };
}

/** A form field's trimmed text, or undefined when empty (so zod reports "required" cleanly). */
export function textField(form: FormData, name: string): string | undefined {
  const value = form.get(name);
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
}
