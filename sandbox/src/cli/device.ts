import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { signApiRequest } from "../auth/cobo-signature.js";
import { apiSecretFile } from "../config.js";
import { importSecrets, initializeSecrets, UCW, UCWError, UCWRecoverKey } from "../device/ucw.js";
import { listAllWalletAddresses } from "./wallet-addresses.js";

// `npm run device -- <command>`: virtual UCW devices and sandbox helpers from
// the command line. Each device keeps its Secrets file in
// `<UCW_DATA_DIR>/sandbox-devices/<name>.secrets`, encrypted with the passphrase
// given by --passphrase or UCW_DEVICE_PASSPHRASE (never printed).

const HELP = `usage: npm run device -- <command> [options]

device commands (--name <device>, passphrase: --passphrase or UCW_DEVICE_PASSPHRASE):
  init                          create a device (new TSS node id)
  node-id                       print the device's TSS node id
  key-groups                    list the TSS key share groups the device holds
  sync                          fetch key shares the relay produced for the device
  list-tss                      TSS requests waiting for this device
  get-tss      --ids a,b        TSS requests by id
  approve-tss  --ids a,b [--wait]
  reject-tss   --ids a,b --reason "..."
  list-tx                       transactions waiting for this device
  get-tx       --ids a,b
  approve-tx   --ids a,b [--wait]
  reject-tx    --ids a,b --reason "..."
  export-secrets  --export-passphrase p --out file      backup of the whole Secrets
  import-secrets  --in file --export-passphrase p       restore a backup as device --name
  export-recovery --groups g1,g2 --export-passphrase p --out file

sandbox commands (signed with COBO_API_SECRET or <UCW_DATA_DIR>/cobo-api-secret):
  info                                          public sandbox info
  simulate-deposit --address A --amount 0.1 [--token XTN]
  create-cosigner  [--cosigner-name N]           auto-approving server co-signer run by the sandbox
  disaster-recovery --group <tss_key_share_group_id> --share f1 --share f2
                    --export-passphrase p (or --share-passphrases p1,p2)
                    (--wallet <wallet_id> | --keys path:pubkey,...)

common: --url http://127.0.0.1:4010 (or COBO_SANDBOX_URL / COBO_SANDBOX_PORT), --data-dir (or UCW_DATA_DIR)`;

class CliError extends Error {}

const { values, positionals } = (() => {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        name: { type: "string" },
        passphrase: { type: "string" },
        ids: { type: "string" },
        reason: { type: "string" },
        wait: { type: "boolean" },
        "export-passphrase": { type: "string" },
        "share-passphrases": { type: "string" },
        out: { type: "string" },
        in: { type: "string" },
        groups: { type: "string" },
        group: { type: "string" },
        share: { type: "string", multiple: true },
        wallet: { type: "string" },
        keys: { type: "string" },
        address: { type: "string" },
        amount: { type: "string" },
        token: { type: "string" },
        "cosigner-name": { type: "string" },
        url: { type: "string" },
        "data-dir": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (err) {
    console.error(`device: ${err instanceof Error ? err.message : String(err)}\n\n${HELP}`);
    process.exit(2);
  }
})();

const dataDir = path.resolve(values["data-dir"] ?? process.env.UCW_DATA_DIR ?? ".data");
const sandboxUrl = (values.url ?? process.env.COBO_SANDBOX_URL ?? `http://127.0.0.1:${process.env.COBO_SANDBOX_PORT ?? "4010"}`)
  .replace(/\/+$/, "")
  .replace(/\/v2$/, "");

function need(value: string | undefined, flag: string): string {
  if (value === undefined || value === "") throw new CliError(`missing --${flag}`);
  return value;
}

function csv(value: string | undefined, flag: string): string[] {
  const list = need(value, flag)
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (list.length === 0) throw new CliError(`--${flag} needs at least one value`);
  return list;
}

function deviceName(): string {
  const name = need(values.name, "name");
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(name)) throw new CliError("--name may use letters, digits, _ . - (max 64)");
  return name;
}

function secretsPath(name: string): string {
  return path.join(dataDir, "sandbox-devices", `${name}.secrets`);
}

function passphrase(): string {
  const p = values.passphrase ?? process.env.UCW_DEVICE_PASSPHRASE;
  if (!p) throw new CliError("give the device passphrase with --passphrase or UCW_DEVICE_PASSPHRASE");
  return p;
}

async function openDevice(): Promise<UCW> {
  const name = deviceName();
  try {
    return await UCW.open({ relayUrl: sandboxUrl }, secretsPath(name), passphrase());
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT")
      throw new CliError(`no device "${name}" (run: npm run device -- init --name ${name})`);
    throw err;
  }
}

async function apiSecret(): Promise<string> {
  const fromEnv = process.env.COBO_API_SECRET;
  if (fromEnv) return fromEnv.trim();
  try {
    return (await readFile(apiSecretFile(dataDir), "utf8")).trim();
  } catch {
    throw new CliError(`no COBO_API_SECRET and no ${apiSecretFile(dataDir)}: start the sandbox first (npm run sandbox)`);
  }
}

let lastNonce = 0;

/** A millisecond-timestamp nonce, strictly increasing so calls in one millisecond (paging) are not replays. */
function nextNonce(): string {
  lastNonce = Math.max(Date.now(), lastNonce + 1);
  return String(lastNonce);
}

/** Calls a signed sandbox endpoint (Cobo Auth), returning the JSON body. */
async function signedCall(method: "GET" | "POST", pathAndQuery: string, body?: unknown): Promise<unknown> {
  const secret = await apiSecret();
  const url = new URL(sandboxUrl + pathAndQuery);
  const raw = body === undefined ? "" : JSON.stringify(body);
  const headers = signApiRequest(secret, { method, path: url.pathname, nonce: nextNonce(), query: url.search.slice(1), body: raw });
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: { ...headers, "content-type": "application/json" },
      body: method === "GET" ? undefined : raw,
    });
  } catch {
    throw new CliError(`cannot reach the sandbox at ${sandboxUrl} (is npm run sandbox running?)`);
  }
  const json = (await res.json()) as { error_code?: number; error_message?: string };
  if (!res.ok) throw new CliError(`sandbox error ${json.error_code ?? res.status}: ${json.error_message ?? res.statusText}`);
  return json;
}

function print(value: unknown): void {
  console.log(JSON.stringify(value, null, 2));
}

async function waitDone<T extends { status: number }>(fetchAll: () => Promise<T[]>): Promise<T[]> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const items = await fetchAll();
    if (items.every((i) => i.status >= 160)) return items;
    if (Date.now() > deadline) return items;
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function disasterRecovery(): Promise<void> {
  const group = need(values.group, "group");
  const files = values.share ?? [];
  if (files.length < 2) throw new CliError("give at least two --share files (exported recovery key shares)");
  const passes = values["share-passphrases"]
    ? csv(values["share-passphrases"], "share-passphrases")
    : files.map(() => need(values["export-passphrase"], "export-passphrase"));
  if (passes.length !== files.length) throw new CliError("--share-passphrases needs one passphrase per --share");
  const recover = new UCWRecoverKey(group);
  for (const [i, file] of files.entries()) recover.importRecoveryKeyShare(await readFile(file, "utf8"), passes[i] ?? "");
  let keys: { bip32Path: string; publicKey: string }[];
  if (values.wallet) {
    const addresses = await listAllWalletAddresses((pathAndQuery) => signedCall("GET", pathAndQuery), values.wallet);
    keys = addresses.map((a) => ({ bip32Path: a.path, publicKey: a.pubkey }));
  } else {
    keys = csv(values.keys, "keys or --wallet").map((pair) => {
      const idx = pair.lastIndexOf(":");
      if (idx < 0) throw new CliError(`--keys entries are path:pubkey, got ${pair}`);
      return { bip32Path: pair.slice(0, idx), publicKey: pair.slice(idx + 1) };
    });
  }
  const recovered = await recover.recoverPrivateKeys(keys);
  print(recovered);
}

async function run(command: string): Promise<void> {
  switch (command) {
    case "init": {
      const name = deviceName();
      const nodeId = await initializeSecrets(secretsPath(name), passphrase());
      print({ name, tss_node_id: nodeId, secrets_file: secretsPath(name) });
      return;
    }
    case "node-id":
      print({ tss_node_id: (await openDevice()).getTSSNodeID() });
      return;
    case "key-groups":
      print((await openDevice()).listTSSKeyShareGroups());
      return;
    case "sync":
      print({ received: await (await openDevice()).syncKeyShares() });
      return;
    case "list-tss":
      print(await (await openDevice()).listPendingTSSRequests());
      return;
    case "get-tss":
      print(await (await openDevice()).getTSSRequests(csv(values.ids, "ids")));
      return;
    case "approve-tss": {
      const d = await openDevice();
      const ids = csv(values.ids, "ids");
      const res = await d.approveTSSRequests(ids);
      print(values.wait ? await waitDone(() => d.getTSSRequests(ids)) : res);
      return;
    }
    case "reject-tss":
      print(await (await openDevice()).rejectTSSRequests(csv(values.ids, "ids"), need(values.reason, "reason")));
      return;
    case "list-tx":
      print(await (await openDevice()).listPendingTransactions());
      return;
    case "get-tx":
      print(await (await openDevice()).getTransactions(csv(values.ids, "ids")));
      return;
    case "approve-tx": {
      const d = await openDevice();
      const ids = csv(values.ids, "ids");
      const res = await d.approveTransactions(ids);
      print(values.wait ? await waitDone(() => d.getTransactions(ids)) : res);
      return;
    }
    case "reject-tx":
      print(await (await openDevice()).rejectTransactions(csv(values.ids, "ids"), need(values.reason, "reason")));
      return;
    case "export-secrets": {
      const out = need(values.out, "out");
      await writeFile(out, (await openDevice()).exportSecrets(need(values["export-passphrase"], "export-passphrase")), {
        mode: 0o600,
        flag: "wx",
      });
      print({ written: out });
      return;
    }
    case "import-secrets": {
      const name = deviceName();
      const exported = await readFile(need(values.in, "in"), "utf8");
      const nodeId = await importSecrets(exported, need(values["export-passphrase"], "export-passphrase"), secretsPath(name), passphrase());
      print({ name, tss_node_id: nodeId, secrets_file: secretsPath(name) });
      return;
    }
    case "export-recovery": {
      const out = need(values.out, "out");
      const data = (await openDevice()).exportRecoveryKeyShares(
        csv(values.groups, "groups"),
        need(values["export-passphrase"], "export-passphrase"),
      );
      await writeFile(out, data, { mode: 0o600, flag: "wx" });
      print({ written: out });
      return;
    }
    case "info": {
      let res: Response;
      try {
        res = await fetch(`${sandboxUrl}/_sandbox/info`);
      } catch {
        throw new CliError(`cannot reach the sandbox at ${sandboxUrl} (is npm run sandbox running?)`);
      }
      print(await res.json());
      return;
    }
    case "simulate-deposit":
      print(
        await signedCall("POST", "/_sandbox/deposits", {
          address: need(values.address, "address"),
          amount: need(values.amount, "amount"),
          ...(values.token ? { token_id: values.token } : {}),
        }),
      );
      return;
    case "create-cosigner":
      print(await signedCall("POST", "/_sandbox/cosigners", values["cosigner-name"] ? { name: values["cosigner-name"] } : {}));
      return;
    case "disaster-recovery":
      await disasterRecovery();
      return;
    default:
      throw new CliError(`unknown command "${command}"`);
  }
}

const command = positionals[0];
if (values.help || !command) {
  console.log(HELP);
  process.exit(command || values.help ? 0 : 2);
}
run(command).catch((err: unknown) => {
  if (err instanceof CliError) console.error(`device: ${err.message}`);
  else if (err instanceof UCWError) console.error(`device: relay error ${err.code}: ${err.message}`);
  else console.error(`device: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
