import { z } from "zod";
import { endpoint } from "@/lib/api/v1/endpoint";
import { Timestamp } from "@/lib/api/v1/common.schema";
import { SECRETS_BACKUP_METHODS } from "@/lib/domain/status/tss-node";

export const TssNodeIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,128}$/, "must be the TSS node id the UCW SDK returned (8–128 letters, digits, _ or -)")
  .describe("TSS node id from the UCW SDK's Get TSS Node ID");

export const RegisterNodeBody = z
  .object({
    tss_node_id: TssNodeIdSchema,
    label: z.string().trim().min(1).max(60).optional().describe('A name for the device, e.g. "Alice\'s iPhone"'),
  })
  .meta({ id: "RegisterTssNodeRequest" });

export const TssNodeSchema = z
  .object({
    tss_node_id: z.string(),
    status: z.string().describe("active | retired (a retired node is never accepted for a group again)"),
    label: z.string().nullable(),
    created_at: Timestamp,
    retirement: z
      .object({
        retired_at: Timestamp,
        retired_by: z.enum(["self", "admin"]).describe("self: this user (the Client API); admin: a console admin on their behalf"),
        reason: z.string().nullable().describe("The reason given, when the user retired it themselves (an admin's stays with staff)"),
      })
      .nullable()
      .describe("null while the node is active"),
    secrets_backup: z
      .object({
        method: z.string().describe("cloud | manual | file"),
        backed_up_at: Timestamp.describe("When the app says the backup was made"),
        reported_at: Timestamp.describe("When the backend recorded the report"),
      })
      .nullable()
      .describe("The latest Secrets backup the app reported for this node; null: no backup reported"),
    groups: z.array(z.object({ key_share_holder_group_id: z.string(), group_type: z.string(), lifecycle: z.string() })),
  })
  .meta({ id: "TssNode" });

export const TssNodeIdParams = z.object({ tss_node_id: TssNodeIdSchema });

export const RetireNodeBody = z
  .object({
    reason: z
      .string()
      .trim()
      .min(3, "must be at least 3 characters")
      .max(500, "must be at most 500 characters")
      .describe('Why, e.g. "phone lost"'),
  })
  .meta({ id: "RetireTssNodeRequest" });

/** Backups older than this are not believed (the UCW SDK did not exist yet). */
export const EARLIEST_BACKUP = "2020-01-01T00:00:00Z";
/** Allowed clock difference between the phone and the server for `backed_up_at`. */
export const BACKUP_CLOCK_SKEW_MS = 5 * 60 * 1000;

// Exactly these two fields: anything else (say, the Secrets themselves) is refused, never stored.
export const SecretsBackupBody = z
  .strictObject({
    method: z.enum(SECRETS_BACKUP_METHODS).describe("How the user kept the Secrets the UCW SDK exported"),
    backed_up_at: z.iso
      .datetime({ offset: true, message: "must be an ISO 8601 date-time with a time zone, e.g. 2026-12-04T09:30:00Z" })
      // (a value that is not a date-time has its one issue above; NaN passes these)
      .refine((v) => !(Date.parse(v) < Date.parse(EARLIEST_BACKUP)), `must not be before ${EARLIEST_BACKUP}`)
      .refine((v) => !(Date.parse(v) > Date.now() + BACKUP_CLOCK_SKEW_MS), "must not be in the future")
      .describe("When the backup was made, by the phone's clock (at most 5 minutes ahead of the server's)"),
  })
  .meta({
    id: "SecretsBackupReport",
    description: "Only the fact of the backup: never send the Secrets, their passphrase or any key material (other fields are refused).",
  });

export const TssNodeList = z.object({ data: z.array(TssNodeSchema) }).meta({ id: "TssNodeList" });

export const MeSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    status: z.string(),
    vault_id: z.string().nullable().describe("Cobo vault id, once the vault exists"),
    tss_nodes: z.array(TssNodeSchema),
  })
  .meta({ id: "Me" });

/** The operations of this part of the API, by name (route files import them; lib/api/v1/endpoints.ts lists them all). */
export const accountApi = {
  me: endpoint({
    method: "get",
    path: "/api/v1/me",
    tag: "Account",
    summary: "The signed-in user, their vault id and TSS nodes",
    auth: "bearer",
    responses: { 200: { description: "The signed-in user", schema: MeSchema } },
  }),
  registerTssNode: endpoint({
    method: "post",
    path: "/api/v1/tss-nodes",
    tag: "TSS nodes",
    summary: "Register this device's TSS node id",
    description: "Call after the SDK's Initialize Secrets and Get TSS Node ID. Idempotent: registering the same id again answers 200.",
    auth: "bearer",
    body: RegisterNodeBody,
    responses: {
      201: { description: "Registered", schema: TssNodeSchema },
      200: { description: "Already registered to you", schema: TssNodeSchema },
    },
    errors: [409, 422],
  }),
  retireTssNode: endpoint({
    method: "post",
    path: "/api/v1/tss-nodes/{tss_node_id}/retire",
    tag: "TSS nodes",
    summary: "Retire one of my TSS nodes (a lost or replaced device), with a reason",
    description:
      "A retired node is never accepted again as a Main Group device, a Recovery Group member or a recovery target (422 naming the field). " +
      "Retiring the only device of the active Main Group is allowed: then recover onto a new device (POST /api/v1/vault/recoveries). " +
      "Idempotent: retiring a retired node answers it unchanged. Final: there is no un-retire; a found phone initialises new Secrets " +
      "and registers its new node id. Another user's node, or an unknown id, is 404.",
    auth: "bearer",
    params: TssNodeIdParams,
    body: RetireNodeBody,
    responses: { 200: { description: "Retired (now or before); the node as it stands", schema: TssNodeSchema } },
    errors: [404, 422],
  }),
  reportSecretsBackup: endpoint({
    method: "post",
    path: "/api/v1/tss-nodes/{tss_node_id}/secrets-backups",
    tag: "TSS nodes",
    summary: "Report that the user backed up this node's Secrets (how and when; never the Secrets)",
    description:
      "Call after the UCW SDK's Export Secrets once the user has kept them. The latest backup is recorded per node: 201 when this report " +
      "is later than the one on record, 200 when it is the same or older (nothing changes). 409 for a retired node; 404 for another user's node.",
    auth: "bearer",
    params: TssNodeIdParams,
    body: SecretsBackupBody,
    responses: {
      201: { description: "Recorded", schema: TssNodeSchema },
      200: { description: "Not newer than the backup on record; nothing changed", schema: TssNodeSchema },
    },
    errors: [404, 409, 422],
  }),
  listTssNodes: endpoint({
    method: "get",
    path: "/api/v1/tss-nodes",
    tag: "TSS nodes",
    summary: "List my TSS nodes and the groups each belongs to",
    auth: "bearer",
    responses: { 200: { description: "My TSS nodes", schema: TssNodeList } },
  }),
};
