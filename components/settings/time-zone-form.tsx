"use client";

import { ActionError, ActionSuccess, SelectField, SubmitButton } from "@/components/actions/form-controls";
import { useActionForm, type ServerAction } from "@/components/actions/use-action-form";

/** Your own time zone: every console timestamp is shown in it (empty: the browser's, else UTC). */
export function TimeZoneForm({
  action,
  current,
  choices,
}: {
  action: ServerAction<{ timeZone: string | null }>;
  current: string | null;
  /** the zones the server knows (it validates the choice) */
  choices: string[];
}) {
  const { onSubmit, pending, data, error, fieldError } = useActionForm(action, (form) => ({
    timeZone: String(form.get("timeZone") ?? ""),
  }));
  return (
    <form onSubmit={onSubmit} aria-label="Time zone" className="space-y-3">
      <SelectField
        name="timeZone"
        label="Time zone"
        error={fieldError("timeZone")}
        hint="Every timestamp in the console is shown in this zone, with its offset."
        defaultValue={current ?? ""}
        controlClassName="max-w-xs"
      >
        <option value="">Your browser&apos;s zone (UTC when unknown)</option>
        {choices.map((z) => (
          <option key={z} value={z}>
            {z}
          </option>
        ))}
      </SelectField>
      <ActionError error={error} />
      {data ? <ActionSuccess>Time zone saved: {data.timeZone ?? "your browser's"}.</ActionSuccess> : null}
      <SubmitButton pending={pending} pendingLabel="Saving…" size="sm">
        Save time zone
      </SubmitButton>
    </form>
  );
}
