import { presentTransaction } from "@/lib/api/v1/transactions.presenter";
import { transactionsApi } from "@/lib/api/v1/transactions.schema";
import { route } from "@/lib/http/route";
import { enforceRateLimits } from "@/lib/server/rate-limit/rate-limit";
import { clientIp } from "@/lib/http/client-ip";
import { createTransfer, replayTransfer } from "@/lib/server/transactions/create-transfer";

/** POST: submit a transfer, exactly once per Idempotency-Key (201 new, 200 the same request again). */
export const POST = route(transactionsApi.transfer).handle(async ({ req, appUser, params, headers, body }) => {
  const request = {
    userId: appUser.userId,
    coboWalletId: params.wallet_id,
    idempotencyKey: headers["idempotency-key"],
    input: body,
  };
  // A retry of a transfer we already have (same key, same body) is answered first: it creates
  // nothing, so it neither counts against the rate limits nor is refused by them (the app
  // retries exactly when it is unsure whether the first attempt got through).
  const replayed = await replayTransfer(request);
  if (replayed) return { status: 200, body: { transaction: presentTransaction(replayed.transaction) } };
  await enforceRateLimits([
    { name: "transfer_user", key: appUser.userId },
    { name: "transfer_ip", key: clientIp(req.headers) },
  ]);
  const { created, transaction } = await createTransfer(request);
  return { status: created ? 201 : 200, body: { transaction: presentTransaction(transaction) } };
});
