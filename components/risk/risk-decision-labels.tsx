import { Badge } from "@/components/ui/badge";
import { Mono } from "@/components/ui/mono";

// How a risk decision's stage and deciding rule read in the console (decision list, detail page,
// the transaction timeline).

const STAGES: Record<string, string> = {
  pre_submission: "Before submission",
  callback: "Cobo callback",
};

/** "Before submission" (checked by createTransfer) or "Cobo callback" (Cobo asked). */
export function RiskStageLabel({ stage }: { stage: string }) {
  return (
    <Badge tone={stage === "pre_submission" ? "violet" : "info"} title={`stage: ${stage}`}>
      {STAGES[stage] ?? stage}
    </Badge>
  );
}

const RULES: Record<string, string> = {
  limit: "Amount limit",
  address_rule: "Address rule",
  allow_list: "Allow list of the chain",
  user_status: "App user status",
};

/** The rule that decided, by kind and id (rules can be deleted later; the id stays as it was). */
export function RiskRuleLabel({ rule }: { rule: { type: string; id: string | null } }) {
  return (
    <span className="inline-flex min-w-0 items-center gap-1.5">
      <span>{RULES[rule.type] ?? rule.type}</span>
      {rule.id ? <Mono value={rule.id} className="max-w-[14rem] text-zinc-500" /> : null}
    </span>
  );
}
