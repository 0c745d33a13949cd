import "server-only";
import { getCoboGateway } from "@/lib/cobo/client";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { readSetting, rememberSetting } from "@/lib/server/settings/system-settings";

// What every vault operation needs to know about the Cobo side: the MPC project vaults are made
// in, the scheme of its Main Groups, and Cobo's own key share holder.

export type Scheme = { participants: number; threshold: number; cosignerNodeIds: string[] };

/** The Main Group scheme from UCW_SCHEME (2-2: user + Cobo; 2-3 / 3-3: + server co-signer). */
export function mainGroupScheme(): Scheme {
  const env = getEnv();
  const [threshold, participants] = env.UCW_SCHEME.split("-").map(Number) as [number, number];
  return { participants, threshold, cosignerNodeIds: env.UCW_COSIGNER_NODE_IDS.slice(0, participants - 2) };
}

/**
 * The project vaults are created in: COBO_PROJECT_ID, or in sandbox mode one this backend creates
 * on first use and remembers (a new sandbox has no project, and there is no Portal to make one).
 */
export async function resolveProjectId(): Promise<string> {
  const env = getEnv();
  if (env.COBO_PROJECT_ID) return env.COBO_PROJECT_ID;
  if (env.COBO_ENV !== "sandbox") throw new AppError("precondition_failed", "COBO_PROJECT_ID is not configured.");
  const known = await readSetting<string>("cobo.sandbox_project_id");
  if (known) return known;
  const scheme = mainGroupScheme();
  const project = await getCoboGateway().createMpcProject({ name: "UCW Console", participants: scheme.participants, threshold: scheme.threshold });
  return rememberSetting("cobo.sandbox_project_id", project.project_id);
}

/** Cobo's own key share holder node id (needed as the Cobo member of a TSS request's source group). */
export async function coboKeyHolderNodeId(): Promise<string> {
  const known = await readSetting<string>(`cobo.key_holder_node_id.${getEnv().COBO_ENV}`);
  if (known) return known;
  const holders = await getCoboGateway().listCoboKeyHolders();
  const holder = holders.find((h) => h.tss_node_id && (h.status ?? "Valid") === "Valid") ?? holders.find((h) => h.tss_node_id);
  if (!holder?.tss_node_id) throw new AppError("cobo_error", "Cobo did not name its key share holder.");
  return rememberSetting(`cobo.key_holder_node_id.${getEnv().COBO_ENV}`, holder.tss_node_id);
}
