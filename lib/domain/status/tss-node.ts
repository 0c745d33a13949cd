import { status, type StatusCatalog } from "@/lib/domain/status/catalog";

// A TSS node (a device's, Cobo's or a co-signer's key share holder), ours.

/**
 * active: may be offered and accepted for groups; retired: a lost or decommissioned device, never
 * offered or accepted for a Main Group, a Recovery Group or as a recovery target again. Retiring is
 * final: there is no un-retire (a found phone initialises new Secrets and registers a new node).
 */
export const TSS_NODE_STATUS: StatusCatalog = {
  title: "TSS node status",
  entries: [
    status("active", "success", "open", { origin: "ours", label: "Active" }),
    status("retired", "neutral", "final", { origin: "ours", label: "Retired" }),
  ],
};

export const TSS_NODE_RETIRED = "retired";

export function isRetiredNode(status: string): boolean {
  return status === TSS_NODE_RETIRED;
}

/** How the app says the user backed up their Secrets (the UCW SDK's exportSecrets, kept by the user). */
export const SECRETS_BACKUP_METHODS = ["cloud", "manual", "file"] as const;
export type SecretsBackupMethod = (typeof SECRETS_BACKUP_METHODS)[number];

export const SECRETS_BACKUP_METHOD_LABELS: Record<SecretsBackupMethod, string> = {
  cloud: "Cloud backup",
  manual: "Written down (manual)",
  file: "Exported file",
};

/** The label of a stored backup method (a value this code never wrote is shown as it is). */
export function secretsBackupMethodLabel(method: string): string {
  return (SECRETS_BACKUP_METHOD_LABELS as Record<string, string>)[method] ?? method;
}

/**
 * What can be said about a superseded Main Group (replaced by recovery) signing, from the status of
 * the user's devices in it. Cobo does not document whether a superseded Main Group's key shares can
 * still take part in signing, so it is unknown unless every one of its devices is retired (then this
 * backend never uses any of them again).
 */
export type SupersededGroupSigning =
  { state: "devices_retired"; devices: number } | { state: "unknown"; devices: number; notRetired: number };

export function supersededGroupSigning(deviceStatuses: readonly string[]): SupersededGroupSigning {
  const notRetired = deviceStatuses.filter((s) => !isRetiredNode(s)).length;
  if (deviceStatuses.length > 0 && notRetired === 0) return { state: "devices_retired", devices: deviceStatuses.length };
  return { state: "unknown", devices: deviceStatuses.length, notRetired };
}

/** The sentence the console shows for a superseded Main Group's signing state (after "Old Main Group …: "). */
export function supersededGroupSigningText(s: SupersededGroupSigning): string {
  if (s.state === "devices_retired")
    return s.devices === 1
      ? "its device is retired, so it cannot sign with the user's device any more (a retired device is never used again)."
      : `all ${s.devices} of its devices are retired, so it cannot sign with the user's devices any more (a retired device is never used again).`;
  const which =
    s.devices === 0
      ? "no device of this user is recorded in it"
      : s.notRetired === s.devices
        ? s.devices === 1
          ? "its device is not retired"
          : `none of its ${s.devices} devices is retired`
        : `${s.notRetired} of its ${s.devices} devices are not retired`;
  return `whether it can still sign is unknown (Cobo does not document it), because ${which}. Retire the old device if it is lost or no longer used.`;
}

/**
 * Whether a Main Group's devices (the statuses of the user's TSS nodes in it) are all retired: the
 * lost-phone case, in which only recovery onto a new device (from a Recovery Group) helps.
 */
export function mainGroupMustRecover(deviceStatuses: readonly string[]): boolean {
  return deviceStatuses.length > 0 && deviceStatuses.every(isRetiredNode);
}
