// What every console server action answers, and what the forms (use-action-form.ts) render: the
// action's data, or an error with a message for staff and, for invalid input, one message per field.

export type ActionFieldError = { path: string; message: string };

// A call stored for a second admin's approval instead of run answers the error code
// "approval_pending" with the request's id (lib/http/console-action.ts): nothing changed yet.
export type ActionResult<T> = { data: T } | { error: { code: string; message: string; fields?: ActionFieldError[]; approvalId?: string } };

/** A server action as a form calls it: plain input (or FormData) in, an ActionResult out. */
export type ServerAction<T> = (input: unknown) => Promise<ActionResult<T>>;

/** The error code of a call stored for approval instead of run. */
export const APPROVAL_PENDING = "approval_pending";
