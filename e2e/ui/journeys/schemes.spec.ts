import { expect, request as apiRequest, test } from "@playwright/test";
import { readyAppUser } from "../../helpers/journey";
import { startOwnServer, type OwnServer } from "../../helpers/own-server";
import { asAdminAndSupport, expectMainGroup, openTssRequestPage, openUserPage, section } from "../../helpers/staff-view";

// The guide's setup in the other Main Group schemes: 2-3 and 3-3 add a server co-signer (one the
// sandbox runs, approving by itself) to the phone and Cobo. UCW_SCHEME is fixed per server (and must
// match the MPC project's), so each scheme has a production server of its own, started here for both
// at once. The phone approves the key generation; admin and support see the group's threshold and
// members on the user page and the request's participants.

const SCHEMES = [
  { scheme: "2-3", shown: "2-of-3" },
  { scheme: "3-3", shown: "3-of-3" },
] as const;

const servers = new Map<string, OwnServer>();

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(300_000);
  const testInfo = test.info();
  const started = await Promise.allSettled(
    SCHEMES.map(async ({ scheme }) =>
      servers.set(scheme, await startOwnServer(`scheme_${scheme.replace("-", "_")}`, { UCW_SCHEME: scheme }, testInfo)),
    ),
  );
  const failed = started.find((s) => s.status === "rejected");
  if (failed) throw (failed as PromiseRejectedResult).reason;
});

test.afterAll(async () => {
  await Promise.all([...servers.values()].map((s) => s.stop()));
});

for (const { scheme, shown } of SCHEMES) {
  test(`setup and Main Group in ${scheme}: the phone approves, the co-signer joins by itself; staff see ${shown} with three members`, async ({
    browser,
  }, testInfo) => {
    test.setTimeout(120_000);
    const server = servers.get(scheme)!;
    const request = await apiRequest.newContext({ baseURL: server.origin });
    try {
      const user = await readyAppUser(request, `scheme-${scheme}`, server.runtime.sandbox);
      // the server's MPC project at Cobo (the sandbox) has its scheme
      expect(await (await request.get("/api/health")).json()).toMatchObject({
        scheme: { status: "ok", configured: scheme, atCobo: scheme },
      });
      const vault = (await (await request.get("/api/v1/vault", { headers: user.auth })).json()) as {
        main_group_id: string;
        groups: { key_share_holder_group_id: string; threshold: number; participants: number; members: { owner: string }[] }[];
      };
      const main = vault.groups.find((g) => g.key_share_holder_group_id === vault.main_group_id)!;
      expect([main.threshold, main.participants].join("-")).toBe(scheme);
      expect(main.members.map((m) => m.owner).sort()).toEqual(["cobo", "cosigner", "user"]);

      await asAdminAndSupport(
        (role) => server.signedIn(browser, role),
        testInfo,
        `1-main-group-${scheme}`,
        async (page, role, shot) => {
          await openUserPage(page, role, user);
          await expectMainGroup(page, { groupId: vault.main_group_id, scheme: shown, phoneNodeId: user.device.nodeId, cosigners: 1 });
          await expect(section(page, "TSS requests").getByRole("row").filter({ hasText: user.tssRequestId })).toContainText("Success");
          await shot("user");
          await openTssRequestPage(page, role, user.tssRequestId, "KeyGen", "Success");
          await expect(page.getByRole("table", { name: "Participants of this TSS request" }).locator("tbody tr")).toHaveCount(3);
          await shot("tss-request");
        },
      );
    } finally {
      await request.dispose();
    }
  });
}
