import { randomBytes } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { createDb } from "../../lib/db/client";
import { hashPassword } from "../../lib/server/console-users/password";

// The demo seed: one admin and one support console user with generated passwords, kept in the
// data folder (mode 0600) so the run command can print the sign-in each time it starts.

export type DemoCredentials = { admin: { email: string; password: string }; support: { email: string; password: string } };

/** Creates the demo console users once; returns their sign-in. */
export async function seedDemo(databaseUrl: string, dataDir: string): Promise<DemoCredentials> {
  const file = path.join(dataDir, "demo-credentials.json");
  let creds: DemoCredentials | undefined;
  try {
    creds = JSON.parse(await readFile(file, "utf8")) as DemoCredentials;
  } catch {
    creds = undefined;
  }
  creds ??= {
    admin: { email: "admin@ucw.local", password: randomBytes(12).toString("base64url") },
    support: { email: "support@ucw.local", password: randomBytes(12).toString("base64url") },
  };
  const db = createDb(databaseUrl, 2);
  try {
    for (const [role, c] of [
      ["admin", creds.admin],
      ["support", creds.support],
    ] as const) {
      const existing = await db.consoleUser.findUnique({ where: { email: c.email }, select: { id: true } });
      if (!existing) {
        await db.consoleUser.create({
          data: {
            email: c.email,
            role,
            name: role === "admin" ? "Demo admin" : "Demo support",
            passwordHash: await hashPassword(c.password),
          },
        });
      }
    }
  } finally {
    await db.$disconnect();
  }
  await writeFile(file, JSON.stringify(creds, null, 2), { mode: 0o600 });
  return creds;
}
