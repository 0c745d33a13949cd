// The part of Swagger UI's prebuilt bundle the API reference page uses (the package ships no types).
declare module "swagger-ui-dist/swagger-ui-es-bundle.js" {
  type SwaggerUIOptions = {
    domNode: HTMLElement;
    spec: Record<string, unknown>;
    supportedSubmitMethods?: string[];
    validatorUrl?: string | null;
    docExpansion?: "list" | "full" | "none";
    deepLinking?: boolean;
    defaultModelsExpandDepth?: number;
    defaultModelExpandDepth?: number;
  };
  const SwaggerUI: (options: SwaggerUIOptions) => unknown;
  export default SwaggerUI;
}
