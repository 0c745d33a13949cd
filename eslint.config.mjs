import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Next.js' recommended rules plus the project's boundaries (docs/architecture.md#boundaries): only lib/cobo
// imports the Cobo SDK; nothing outside sandbox/ imports sandbox/; sandbox/ imports nothing of
// the app; process.env is read only by lib/env.ts (and the run/test scripts that prepare it).
const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", "node_modules/**", "lib/generated/**", "test-results/**", "playwright-report/**", ".data/**", "next-env.d.ts"],
  },
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/ban-ts-comment": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@cobo/cobo-waas2", "@cobo/cobo-waas2/*"], message: "Only lib/cobo talks to Cobo's SDK." },
            { group: ["**/sandbox/**", "@/sandbox/**"], message: "The sandbox is reached over HTTP only." },
          ],
        },
      ],
    },
  },
  {
    ignores: ["sandbox/**"],
    rules: {
      // The production build holds one copy of a module per route: an error made by another copy is
      // not an instance of this copy's class. Recognise errors by brand (isAppError, isCoboError) or
      // by name and code (lib/db/errors.ts).
      "no-restricted-syntax": [
        "error",
        {
          selector: "BinaryExpression[operator='instanceof'][right.name=/^(AppError|CoboError)$/]",
          message: "Use isAppError / isCoboError: instanceof misses errors from another module copy.",
        },
        {
          selector: "BinaryExpression[operator='instanceof'][right.object.name='Prisma']",
          message: "Use lib/db/errors.ts: instanceof misses Prisma errors from another copy of the client.",
        },
      ],
    },
  },
  {
    files: ["lib/cobo/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["**/sandbox/**", "@/sandbox/**"], message: "The sandbox is reached over HTTP only." }] },
      ],
    },
  },
  {
    // The domain is called by the HTTP layer, the console and the jobs, and calls none of them.
    files: ["lib/server/**", "lib/cobo/**", "lib/db/**", "lib/domain/**"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@cobo/cobo-waas2", "@cobo/cobo-waas2/*"], message: "Only lib/cobo talks to Cobo's SDK." },
            { group: ["**/sandbox/**", "@/sandbox/**"], message: "The sandbox is reached over HTTP only." },
            {
              group: ["@/lib/http/*", "@/lib/console/*", "@/app/*", "@/components/*"],
              message: "The domain does not import the HTTP layer, the console or the UI (docs/architecture.md#boundaries).",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["lib/cobo/**"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["**/sandbox/**", "@/sandbox/**"], message: "The sandbox is reached over HTTP only." },
            {
              group: ["@/lib/http/*", "@/lib/console/*", "@/app/*", "@/components/*"],
              message: "The domain does not import the HTTP layer, the console or the UI (docs/architecture.md#boundaries).",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["sandbox/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/*", "**/lib/**", "**/app/**", "**/components/**"],
              message: "sandbox/ is standalone: it imports nothing from the app.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["app/**", "components/**", "lib/**"],
    ignores: ["lib/env.ts", "**/*.test.ts"],
    rules: {
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read configuration through lib/env.ts." }],
    },
  },
];

export default config;
