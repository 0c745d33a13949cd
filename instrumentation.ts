// Next.js calls register() once when a server instance starts: stamp each request with its TCP
// peer's address (the client address rate limits rely on), and start the job workers (webhook
// processing, reconciliation and polling, push deliveries), in the Node.js runtime only.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { installPeerAddressStamp } = await import("@/lib/http/client-ip");
  installPeerAddressStamp();
  const { getEnv } = await import("@/lib/env");
  if (!getEnv().UCW_JOBS_ENABLED) return;
  const { startWorkers } = await import("@/lib/jobs/start-workers");
  const { logger } = await import("@/lib/log/logger");
  await startWorkers().catch((error: unknown) => logger.error({ err: error }, "could not start the job workers"));
}
