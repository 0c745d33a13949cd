import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadDotEnv } from "./load-dotenv";

describe("loadDotEnv", () => {
  const keys = ["UCW_DOTENV_FROM_FILE", "UCW_DOTENV_PRESET"];
  let dir = "";
  afterEach(async () => {
    for (const k of keys) delete process.env[k];
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("reads .env into process.env, without overriding what the environment already has", async () => {
    dir = await mkdtemp(path.join(tmpdir(), "ucw-dotenv-"));
    await writeFile(path.join(dir, ".env"), "UCW_DOTENV_FROM_FILE=file\nUCW_DOTENV_PRESET=file\n");
    process.env.UCW_DOTENV_PRESET = "environment";
    loadDotEnv(false, dir);
    expect(process.env.UCW_DOTENV_FROM_FILE).toBe("file");
    expect(process.env.UCW_DOTENV_PRESET).toBe("environment");
  });
});
