import { startEmbeddedDatabase } from "../../lib/db/embedded-server";

// The embedded database of an HTTP benchmark in its own process (as `npm start` runs it beside
// the server), so its CPU time is measured apart from the server's and the load generator's.
// Prints `{"url": …}` on stdout once it listens; stops on SIGTERM.

const db = await startEmbeddedDatabase({ dataDir: "memory://", maxConnections: 128 });
process.stdout.write(`${JSON.stringify({ url: db.url })}\n`);
const stop = () => void db.stop().finally(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
