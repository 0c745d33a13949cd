import { TransferBody, TransferHeaders, TransferResult } from "@/lib/api/v1/transactions.schema";
import { WalletIdParams } from "@/lib/api/v1/wallets.schema";
import { AppError } from "@/lib/errors";
import { zodIssues } from "@/lib/http/problem";
import { json, route } from "@/lib/http/route";
import { clientIp, enforceRateLimits } from "@/lib/server/rate-limit/rate-limit";
import { createTransfer, replayTransfer } from "@/lib/server/transactions/create-transfer";

/** POST: submit a transfer, exactly once per Idempotency-Key (201 new, 200 the same request again). */
export const POST = route({
  name: "/api/v1/wallets/[wallet_id]/transfers",
  auth: "bearer",
  params: WalletIdParams,
  body: TransferBody,
  handler: async ({ req, appUser, params, body }) => {
    // The route wrapper parses path, query and body; this route also needs a header.
    const headers = TransferHeaders.safeParse({ "idempotency-key": req.headers.get("idempotency-key") ?? undefined });
    if (!headers.success) {
      throw new AppError("invalid_input", "The Idempotency-Key header is missing or invalid.", {
        issues: zodIssues(headers.error).map((i) => ({ ...i, path: `header.${i.path}` })),
      });
    }
    const request = { userId: appUser.userId, coboWalletId: params.wallet_id, idempotencyKey: headers.data["idempotency-key"], input: body };
    // A retry of a transfer we already have (same key, same body) is answered first: it creates
    // nothing, so it neither counts against the rate limits nor is refused by them (the app
    // retries exactly when it is unsure whether the first attempt got through).
    const replayed = await replayTransfer(request);
    if (replayed) return json(TransferResult.parse({ transaction: replayed.transaction }), { status: 200 });
    await enforceRateLimits([
      { name: "transfer_user", key: appUser.userId },
      { name: "transfer_ip", key: clientIp(req.headers) },
    ]);
    const { created, transaction } = await createTransfer(request);
    return json(TransferResult.parse({ transaction }), { status: created ? 201 : 200 });
  },
});
