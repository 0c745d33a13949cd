import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { createDb } from "../lib/db/client";
import { revokeConsoleUserSessions } from "../lib/server/console-users/console-sessions";
import { hashPassword, PASSWORD_MIN_LENGTH } from "../lib/server/console-users/password";
import { clearConsoleUserTotp } from "../lib/server/console-users/totp-reset";
import { unlockSignIn } from "../lib/server/rate-limit/sign-in-lockout";
import { loadDotEnv } from "./lib/load-dotenv";
import { prepareRuntime } from "./lib/runtime";

// `npm run console-user -- create --email you@company.com --role admin`: creates a console user
// (the first admin, or anyone later). The password is read from the terminal, or from standard
// input with --password-stdin, never from the command line (it would land in shell history).
// `npm run console-user -- set-password --email …` and `… disable --email …` manage existing ones
// (both end the user's open sessions, as `sign-out-everywhere` does); `unlock` lifts a sign-in
// lockout after too many wrong passwords (`--app` for an app user of the Client API); `reset-totp`
// turns a user's two-factor authentication off (a lost phone, or the only admin locked out), so they
// sign in with their password alone until they set it up again.

const usage = `usage:
  npm run console-user -- create --email EMAIL --role admin|support [--name NAME] [--password-stdin]
  npm run console-user -- set-password --email EMAIL [--password-stdin]
  npm run console-user -- disable --email EMAIL
  npm run console-user -- enable --email EMAIL
  npm run console-user -- sign-out-everywhere --email EMAIL
  npm run console-user -- unlock --email EMAIL [--app]
  npm run console-user -- reset-totp --email EMAIL`;

async function readPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks)
      .toString("utf8")
      .replace(/\r?\n$/, "");
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const password = await rl.question(`Password (at least ${PASSWORD_MIN_LENGTH} characters): `);
  rl.close();
  return password;
}

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      email: { type: "string" },
      role: { type: "string" },
      name: { type: "string" },
      "password-stdin": { type: "boolean", default: false },
      app: { type: "boolean", default: false },
    },
  });
  const command = positionals[0];
  const email = values.email?.trim().toLowerCase();
  if (!command || !email || !/^[^@\s]+@[^@\s]+$/.test(email)) {
    console.error(usage);
    process.exit(2);
  }
  loadDotEnv();
  const runtime = await prepareRuntime(process.env, { migrateDb: true });
  const db = createDb(runtime.databaseUrl, 2);
  try {
    if (command === "create") {
      if (values.role !== "admin" && values.role !== "support") throw new Error("--role must be admin or support");
      if (await db.consoleUser.findUnique({ where: { email } })) throw new Error(`a console user ${email} already exists`);
      const passwordHash = await hashPassword(await readPassword(values["password-stdin"] ?? false));
      await db.consoleUser.create({ data: { email, role: values.role, name: values.name ?? null, passwordHash } });
      console.log(`created ${values.role} ${email}`);
    } else if (command === "set-password") {
      const passwordHash = await hashPassword(await readPassword(values["password-stdin"] ?? false));
      const user = await db.consoleUser.update({ where: { email }, data: { passwordHash }, select: { id: true } });
      const ended = await revokeConsoleUserSessions(user.id, "password_changed", db);
      console.log(`password changed for ${email}; ${ended} open session(s) ended`);
    } else if (command === "disable" || command === "enable") {
      const user = await db.consoleUser.update({ where: { email }, data: { disabled: command === "disable" }, select: { id: true } });
      const ended = command === "disable" ? await revokeConsoleUserSessions(user.id, "disabled", db) : 0;
      console.log(`${command}d ${email}${command === "disable" ? `; ${ended} open session(s) ended` : ""}`);
    } else if (command === "sign-out-everywhere") {
      const user = await db.consoleUser.findUnique({ where: { email }, select: { id: true } });
      if (!user) throw new Error(`there is no console user ${email}`);
      const ended = await revokeConsoleUserSessions(user.id, "sign_out_everywhere", db);
      console.log(`${ended} open session(s) of ${email} ended`);
    } else if (command === "unlock") {
      const scope = values.app ? "app" : "console";
      const cleared = await unlockSignIn(scope, email, db);
      console.log(`sign-in unlocked for ${scope === "app" ? "app user" : "console user"} ${email} (${cleared} counter(s) cleared)`);
    } else if (command === "reset-totp") {
      const cleared = await clearConsoleUserTotp({ email }, db);
      if (!cleared) throw new Error(`there is no console user ${email}`);
      console.log(
        `two-factor authentication reset for ${cleared.role} ${email}${cleared.wasOn ? "" : " (it was not on)"}; they sign in with their password alone until they set it up again`,
      );
    } else {
      console.error(usage);
      process.exitCode = 2;
    }
  } finally {
    await db.$disconnect();
    await runtime.stop();
  }
}

main().catch((error) => {
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
