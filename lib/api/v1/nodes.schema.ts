import { z } from "zod";
import { endpoint } from "@/lib/api/v1/endpoint";
import { Timestamp } from "@/lib/api/v1/common.schema";

export const TssNodeIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,128}$/, "must be the TSS node id the UCW SDK returned (8–128 letters, digits, _ or -)")
  .describe("TSS node id from the UCW SDK's Get TSS Node ID");

export const RegisterNodeBody = z
  .object({ tss_node_id: TssNodeIdSchema, label: z.string().trim().min(1).max(60).optional().describe("A name for the device, e.g. \"Alice's iPhone\"") })
  .meta({ id: "RegisterTssNodeRequest" });

export const TssNodeSchema = z
  .object({
    tss_node_id: z.string(),
    status: z.string(),
    label: z.string().nullable(),
    created_at: Timestamp,
    groups: z.array(z.object({ key_share_holder_group_id: z.string(), group_type: z.string(), lifecycle: z.string() })),
  })
  .meta({ id: "TssNode" });

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

export const nodeEndpoints = [
  endpoint({
    method: "get",
    path: "/api/v1/me",
    tag: "Account",
    summary: "The signed-in user, their vault id and TSS nodes",
    auth: "bearer",
    responses: { 200: { description: "The signed-in user", schema: MeSchema } },
  }),
  endpoint({
    method: "post",
    path: "/api/v1/tss-nodes",
    tag: "TSS nodes",
    summary: "Register this device's TSS node id",
    description: "Call after the SDK's Initialize Secrets and Get TSS Node ID. Idempotent: registering the same id again answers 200.",
    auth: "bearer",
    body: RegisterNodeBody,
    responses: { 201: { description: "Registered", schema: TssNodeSchema }, 200: { description: "Already registered to you", schema: TssNodeSchema } },
    errors: [409, 422],
  }),
  endpoint({
    method: "get",
    path: "/api/v1/tss-nodes",
    tag: "TSS nodes",
    summary: "List my TSS nodes and the groups each belongs to",
    auth: "bearer",
    responses: { 200: { description: "My TSS nodes", schema: TssNodeList } },
  }),
];
