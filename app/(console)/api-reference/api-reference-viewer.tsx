"use client";

import { useEffect, useRef, useState } from "react";
import "swagger-ui-dist/swagger-ui.css";

// Swagger UI's own prebuilt bundle (swagger-ui-dist: one self-contained file, its React inside),
// bundled by Next.js and served from this app like every other script. It is loaded in the browser
// only, when the page opens. (swagger-ui-react's unbundled build breaks under Turbopack on OpenAPI
// 3.1 documents: "refract is not a function", swagger-api/swagger-ui#10599.)

/** Renders an OpenAPI document with Swagger UI, read-only (no "Try it out"). */
export function ApiReferenceViewer({ document }: { document: Record<string, unknown> }) {
  const container = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<"loading" | "ready" | "failed">("loading");
  useEffect(() => {
    let cancelled = false;
    import("swagger-ui-dist/swagger-ui-es-bundle.js")
      .then(({ default: SwaggerUI }) => {
        if (cancelled || !container.current) return;
        SwaggerUI({
          domNode: container.current,
          spec: document,
          supportedSubmitMethods: [],
          validatorUrl: null,
          docExpansion: "list",
          deepLinking: true,
          defaultModelsExpandDepth: 0,
          defaultModelExpandDepth: 3,
        });
        setState("ready");
      })
      .catch(() => setState("failed"));
    return () => {
      cancelled = true;
    };
  }, [document]);
  return (
    <div>
      {state === "ready" ? null : (
        <p className="p-4 text-sm text-zinc-500">
          {state === "failed" ? "The API reference could not be loaded. Reload the page." : "Loading the API reference…"}
        </p>
      )}
      {/* Swagger UI owns this element's content (its own React root). */}
      <div ref={container} />
    </div>
  );
}
