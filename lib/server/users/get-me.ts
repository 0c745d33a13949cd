import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { listTssNodes } from "@/lib/server/tss-nodes/register-tss-node";

/** The signed-in app user with vault id and TSS nodes. */
export async function getMe(userId: string) {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, status: true, vault: { select: { coboVaultId: true } } },
  });
  if (!user) throw new AppError("unauthenticated", "This account no longer exists.");
  return { id: user.id, email: user.email, status: user.status, vault_id: user.vault?.coboVaultId ?? null, tss_nodes: await listTssNodes(userId) };
}
