// Benchmarks run the app's server modules outside Next.js, where the `server-only` marker package
// would throw; this resolves it to an empty module (as the Vitest config does).
import { register } from "node:module";

register(
  "data:text/javascript," +
    encodeURIComponent(`
export async function resolve(specifier, context, next) {
  if (specifier === "server-only") return { url: "data:text/javascript,export{}", shortCircuit: true };
  return next(specifier, context);
}`),
);
