import { describe, expect, it } from "vitest";
import { GET as getVault } from "@/app/api/v1/vault/route";
import { call, setupAppHarness } from "../helpers/app-harness";
import { createCosigner, readyAppUser } from "../helpers/device";
import { resetEnvCache } from "../../lib/env";

// The 2-3 scheme: Main Groups of the user's device, Cobo and the organisation's server co-signer
// (UCW_COSIGNER_NODE_IDS), any two of which sign.

const app = setupAppHarness({ env: { UCW_SCHEME: "2-3", UCW_COSIGNER_NODE_IDS: "coboNodePlaceholder01" } });

describe("UCW_SCHEME=2-3", () => {
  it("makes Main Groups of the user's device, Cobo and the server co-signer, threshold 2 of 3", { timeout: 180_000 }, async () => {
    process.env.UCW_COSIGNER_NODE_IDS = await createCosigner(app.sandbox);
    resetEnvCache();
    const user = await readyAppUser(app.sandbox, "scheme");
    const vault = (await call(getVault, { path: "/api/v1/vault", token: user.token })).body as {
      status: string;
      groups: {
        group_type: string;
        threshold: number;
        participants: number;
        status: string;
        active: boolean;
        members: { tss_node_id: string; owner: string }[];
      }[];
    };
    const main = vault.groups.find((g) => g.active)!;
    expect(main).toMatchObject({ group_type: "MainGroup", threshold: 2, participants: 3, status: "Valid" });
    expect(main.members.map((m) => m.owner).sort()).toEqual(["cobo", "cosigner", "user"]);
    expect(main.members.find((m) => m.owner === "cosigner")!.tss_node_id).toBe(process.env.UCW_COSIGNER_NODE_IDS);
    expect(vault.status).toBe("MainGroupGenerated");
  });
});
