import type { PGlite } from "@electric-sql/pglite";

// PGlite is one backend; pglite-socket lets several clients share it by queueing their protocol
// messages. Its queue keeps a client's messages together only inside an explicit transaction, so
// between one client's Parse/Bind and its Execute/Sync another client's messages can run and
// replace the unnamed statement and portal ("portal does not exist"), or run inside the first
// client's implicit transaction. It also stops processing for good after one failed message.
// This replaces the queue's scheduler: a client that has started an extended-protocol sequence
// (anything before its Sync) or a transaction keeps the backend until it is done, and a failure
// never stalls the queue. The rest of pglite-socket is used as it is.

type Item = {
  handlerId: number;
  message: Uint8Array;
  resolve(bytes: number): void;
  reject(error: unknown): void;
  onData(data: Uint8Array): void;
};

type QueueInternals = {
  db: PGlite;
  queue: Item[];
  processing: boolean;
  lastHandlerId: number | null;
  processQueue(): Promise<void>;
  clearQueueForHandler(handlerId: number): void;
};

// Frontend message types after which a client holds no half-finished sequence.
const SYNC = 0x53; // 'S'
const QUERY = 0x51; // 'Q' (simple protocol: a whole statement)
const TERMINATE = 0x58; // 'X'

function endsSequence(message: Uint8Array): boolean {
  const type = message[0];
  // Startup, SSL and cancel requests start with a length whose first byte is 0.
  return type === SYNC || type === QUERY || type === TERMINATE || type === 0;
}

/** Installs the sequence-aware scheduler on a PGLiteSocketServer's query queue. */
export function serializeProtocolSequences(queryQueue: unknown): void {
  const q = queryQueue as QueueInternals;
  if (typeof q.processQueue !== "function" || !Array.isArray(q.queue))
    throw new Error("pglite-socket's query queue changed shape; review lib/db/pglite-serial-queue.ts");
  let openSequenceOwner: number | null = null;

  q.processQueue = async function processQueue(this: QueueInternals) {
    if (this.processing) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        const owner = openSequenceOwner ?? (this.db.isInTransaction() ? this.lastHandlerId : null);
        let item: Item | undefined;
        if (owner !== null) {
          const index = this.queue.findIndex((i) => i.handlerId === owner);
          if (index === -1) break; // wait for the owner's next message
          item = this.queue.splice(index, 1)[0];
        } else {
          item = this.queue.shift();
        }
        if (!item) break;
        const current = item;
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(current.message, {
              onRawData: (data: Uint8Array) => {
                bytes += data.length;
                current.onData(data);
              },
            }),
          );
          this.lastHandlerId = current.handlerId;
          openSequenceOwner = endsSequence(current.message) ? null : current.handlerId;
          current.resolve(bytes);
        } catch (error) {
          this.lastHandlerId = current.handlerId;
          openSequenceOwner = null;
          current.reject(error);
        }
      }
    } finally {
      this.processing = false;
    }
  }.bind(q);

  const clear = q.clearQueueForHandler.bind(q);
  q.clearQueueForHandler = (handlerId: number) => {
    if (openSequenceOwner === handlerId) openSequenceOwner = null;
    clear(handlerId);
    void q.processQueue();
  };
}
