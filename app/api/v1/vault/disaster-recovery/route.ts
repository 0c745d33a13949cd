import { DisasterRecoverySchema } from "@/lib/api/v1/vault.schema";
import { json, route } from "@/lib/http/route";
import { getDisasterRecoveryInfo } from "@/lib/server/recovery/get-disaster-recovery-info";

/** GET: every address of the caller's vault with wallet, chain, path and public key, for offline recovery. */
export const GET = route({
  name: "/api/v1/vault/disaster-recovery",
  auth: "bearer",
  handler: async ({ appUser }) => json(DisasterRecoverySchema.parse(await getDisasterRecoveryInfo(appUser.userId)), { headers: { "cache-control": "no-store" } }),
});
