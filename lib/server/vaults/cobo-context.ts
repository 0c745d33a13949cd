import "server-only";
import { getCoboGateway } from "@/lib/cobo/client";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/log/logger";
import { readSetting, rememberSetting } from "@/lib/db/system-settings";

// What every vault operation needs to know about the Cobo side: the MPC project vaults are made
// in, and the scheme of its Main Groups (checked against the project's at Cobo).

export type Scheme = { participants: number; threshold: number; cosignerNodeIds: string[] };

/** The Main Group scheme from UCW_SCHEME (2-2: user + Cobo; 2-3 / 3-3: + server co-signer). */
export function mainGroupScheme(): Scheme {
  const env = getEnv();
  const [threshold, participants] = env.UCW_SCHEME.split("-").map(Number) as [number, number];
  return { participants, threshold, cosignerNodeIds: env.UCW_COSIGNER_NODE_IDS.slice(0, participants - 2) };
}

/** Where the project this backend created in the sandbox is remembered (system settings). */
export const SANDBOX_PROJECT_SETTING = "cobo.sandbox_project_id";

/**
 * The project vaults are created in: COBO_PROJECT_ID, or in sandbox mode one this backend creates
 * on first use and remembers (a new sandbox has no project, and there is no Portal to make one).
 */
export async function resolveProjectId(): Promise<string> {
  const env = getEnv();
  if (env.COBO_PROJECT_ID) {
    await requireProjectScheme(env.COBO_PROJECT_ID);
    return env.COBO_PROJECT_ID;
  }
  if (env.COBO_ENV !== "sandbox") throw new AppError("precondition_failed", "COBO_PROJECT_ID is not configured.");
  const known = await readSetting<string>(SANDBOX_PROJECT_SETTING);
  if (known) {
    await requireProjectScheme(known);
    return known;
  }
  const scheme = mainGroupScheme();
  const project = await getCoboGateway().createMpcProject({
    name: "UCW Console",
    participants: scheme.participants,
    threshold: scheme.threshold,
  });
  const projectId = await rememberSetting(SANDBOX_PROJECT_SETTING, project.project_id);
  await requireProjectScheme(projectId);
  return projectId;
}

function projectSchemeKey(projectId: string): string {
  return `cobo.project_scheme.${getEnv().COBO_ENV}.${projectId}`;
}

/**
 * The scheme ("threshold-participants") of an MPC project at Cobo [Cobo: `MPCProject.threshold`,
 * `participants`]. Read from Cobo once and remembered: a project's scheme is fixed when it is made.
 */
export async function projectSchemeAtCobo(projectId: string): Promise<string> {
  const known = await readSetting<string>(projectSchemeKey(projectId));
  if (known) return known;
  const project = await getCoboGateway().getMpcProject(projectId);
  if (!project.threshold || !project.participants) {
    throw new AppError("cobo_error", `Cobo did not report the scheme (threshold, participants) of MPC project ${projectId}.`);
  }
  return rememberSetting(projectSchemeKey(projectId), `${project.threshold}-${project.participants}`);
}

/** What is wrong when the project's scheme at Cobo is not UCW_SCHEME, or null when they agree. */
export function schemeMismatch(projectId: string, atCobo: string, configured = getEnv().UCW_SCHEME): string | null {
  if (atCobo === configured) return null;
  return (
    `The MPC project ${projectId} at Cobo has the scheme ${atCobo}, but UCW_SCHEME is ${configured}: ` +
    `set UCW_SCHEME=${atCobo} or point COBO_PROJECT_ID at a ${configured} project.`
  );
}

/**
 * The Main Group scheme, after checking that the project's scheme at Cobo is UCW_SCHEME: Main
 * Groups are made with UCW_SCHEME's threshold and participants, and a project of another scheme
 * would refuse them (or, worse, accept a group its vaults were not meant to have). A mismatch is
 * a configuration error (412) that names both schemes; `/api/health` reports it too.
 */
export async function requireProjectScheme(projectId: string): Promise<Scheme> {
  const problem = schemeMismatch(projectId, await projectSchemeAtCobo(projectId));
  if (problem) {
    logger.error({ event: "cobo.scheme_mismatch", projectId }, problem);
    throw new AppError("precondition_failed", problem);
  }
  return mainGroupScheme();
}

export type SchemeHealth = { status: "ok" | "mismatch" | "unknown"; configured: string; atCobo: string | null; detail: string };

/**
 * For `/api/health`: whether the configured project's scheme at Cobo is UCW_SCHEME. Uses the
 * remembered scheme; only the first check of a project asks Cobo (one signed call, then remembered).
 * "unknown" when there is no project yet (sandbox mode before the first vault) or Cobo cannot be asked.
 */
export async function checkProjectScheme(timeoutMs = 3_000): Promise<SchemeHealth> {
  const env = getEnv();
  const configured = env.UCW_SCHEME;
  const projectId = env.COBO_PROJECT_ID ?? (await readSetting<string>(SANDBOX_PROJECT_SETTING).catch(() => undefined));
  if (!projectId) return { status: "unknown", configured, atCobo: null, detail: "no MPC project yet" };
  let timer: NodeJS.Timeout | undefined;
  try {
    const atCobo = await Promise.race([
      projectSchemeAtCobo(projectId),
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error("timed out")), timeoutMs))),
    ]);
    const problem = schemeMismatch(projectId, atCobo, configured);
    return problem
      ? { status: "mismatch", configured, atCobo, detail: problem }
      : { status: "ok", configured, atCobo, detail: `MPC project ${projectId} is ${atCobo}, as UCW_SCHEME` };
  } catch {
    return { status: "unknown", configured, atCobo: null, detail: `the scheme of MPC project ${projectId} could not be read from Cobo` };
  } finally {
    clearTimeout(timer);
  }
}
