import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { StatusBadge, TONE_CLASSES } from "@/components/ui/badge";
import { STATUS_CATALOGS, type StatusSubject } from "@/lib/domain/status/catalogs";

// A status badge takes its colour from its subject's catalog: every value of every catalog renders
// in the catalog's tone, and a value the catalog does not list renders neutral.

const render = (subject: StatusSubject, status: string | null) => renderToStaticMarkup(createElement(StatusBadge, { subject, status }));
const subjects = Object.keys(STATUS_CATALOGS) as StatusSubject[];

describe("StatusBadge", () => {
  it.each(subjects)("colours every %s status with its catalog tone and shows the stored value", (subject) => {
    for (const entry of STATUS_CATALOGS[subject].entries) {
      const html = render(subject, entry.value);
      expect(html, `${subject} ${entry.value}`).toContain(TONE_CLASSES[entry.tone]);
      expect(html).toContain(`>${entry.value}</span>`);
    }
  });

  it("takes the tone from the subject named, not from the value alone", () => {
    // "Created" is a transaction not yet acknowledged (warning); "Creating" a vault whose create call runs (neutral).
    expect(render("transaction", "Created")).toContain(TONE_CLASSES.warning);
    expect(render("vault", "Creating")).toContain(TONE_CLASSES.neutral);
    expect(render("signature", "error")).toContain(TONE_CLASSES.danger);
  });

  it("renders a value the catalog does not list neutral, with the value as its title", () => {
    const html = render("transaction", "SomethingCoboAddedLater");
    expect(html).toContain(TONE_CLASSES.neutral);
    expect(html).toContain('title="SomethingCoboAddedLater"');
  });

  it("gives a labelled value its label as the tooltip", () => {
    expect(render("tss_request", "PendingKeyHolderConfirmation")).toContain(
      'title="Pending key holder confirmation (PendingKeyHolderConfirmation)"',
    );
  });

  it("renders a dash for no status", () => {
    expect(render("transaction", null)).toContain("—");
  });
});
