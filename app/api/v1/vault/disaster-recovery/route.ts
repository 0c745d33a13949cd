import { presentDisasterRecovery } from "@/lib/api/v1/vault.presenter";
import { vaultApi } from "@/lib/api/v1/vault.schema";
import { route } from "@/lib/http/route";
import { getDisasterRecoveryInfo } from "@/lib/server/vaults/get-disaster-recovery-info";

/** GET: every address of the caller's vault with wallet, chain, path and public key, for offline recovery. */
export const GET = route(vaultApi.disasterRecovery).handle(async ({ appUser }) => ({
  status: 200,
  body: presentDisasterRecovery(await getDisasterRecoveryInfo(appUser.userId)),
  headers: { "cache-control": "no-store" },
}));
