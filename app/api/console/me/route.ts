import { json, route } from "@/lib/http/route";

/** GET: the signed-in console user (id, email, name, role). */
export const GET = route({
  name: "/api/console/me",
  auth: "session",
  handler: ({ actor }) => json({ id: actor.id, email: actor.email, name: actor.name, role: actor.role }),
});
