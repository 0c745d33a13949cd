import "server-only";
import type { ServerAction } from "@/components/actions/action-result";
import {
  createAddressRuleAction,
  createRiskLimitAction,
  deleteAddressRuleAction,
  deleteRiskLimitAction,
} from "@/app/(console)/risk/actions";
import { createConsoleUserAction, setApprovalCategoryAction } from "@/app/(console)/settings/actions";
import { recoverMainGroupAction, unpauseUserAction } from "@/app/(console)/users/[id]/actions";

// The console actions that declare an approval category (lib/http/console-action.ts): an approved
// request runs the one whose name it stores. Listed here, not registered as a side effect of
// importing them: the production build gives each route its own copy of every module, so a
// registry filled elsewhere would be empty in the approvals page's copy.
export const APPROVABLE_ACTIONS: ServerAction<unknown>[] = [
  recoverMainGroupAction,
  unpauseUserAction,
  createRiskLimitAction,
  deleteRiskLimitAction,
  createAddressRuleAction,
  deleteAddressRuleAction,
  createConsoleUserAction,
  setApprovalCategoryAction,
];
