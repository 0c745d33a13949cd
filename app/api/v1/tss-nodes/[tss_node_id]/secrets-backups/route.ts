import { presentTssNode } from "@/lib/api/v1/nodes.presenter";
import { accountApi } from "@/lib/api/v1/nodes.schema";
import { route } from "@/lib/http/route";
import { reportSecretsBackup } from "@/lib/server/tss-nodes/report-secrets-backup";

/** POST: record that the user backed up this node's Secrets (how, when); 201 when newer than the one on record. */
export const POST = route(accountApi.reportSecretsBackup).handle(async ({ appUser, params, body }) => {
  const { recorded, node } = await reportSecretsBackup(appUser.userId, params.tss_node_id, {
    method: body.method,
    backedUpAt: new Date(body.backed_up_at),
  });
  return { status: recorded ? 201 : 200, body: presentTssNode(node) };
});
