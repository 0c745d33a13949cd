import { MeSchema } from "@/lib/api/v1/nodes.schema";
import { json, route } from "@/lib/http/route";
import { getMe } from "@/lib/server/users/get-me";

/** GET: the signed-in app user, their vault id and TSS nodes. */
export const GET = route({
  name: "/api/v1/me",
  auth: "bearer",
  handler: async ({ appUser }) => json(MeSchema.parse(await getMe(appUser.userId))),
});
