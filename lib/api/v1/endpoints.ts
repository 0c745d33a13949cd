import { authApi } from "@/lib/api/v1/auth.schema";
import { catalogApi } from "@/lib/api/v1/catalog.schema";
import type { ApiEndpoint } from "@/lib/api/v1/endpoint";
import { eventsApi } from "@/lib/api/v1/events.schema";
import { accountApi } from "@/lib/api/v1/nodes.schema";
import { transactionsApi } from "@/lib/api/v1/transactions.schema";
import { tssRequestsApi } from "@/lib/api/v1/tss-requests.schema";
import { vaultApi } from "@/lib/api/v1/vault.schema";
import { walletsApi } from "@/lib/api/v1/wallets.schema";

// Every declared Client API operation, in the order the OpenAPI document lists them. A new
// operation declared in one of these groups joins the document, the 405 method table
// (allowed-methods.ts) and the route tests (endpoints.test.ts) by itself.

export const API_GROUPS = { authApi, accountApi, vaultApi, tssRequestsApi, walletsApi, catalogApi, transactionsApi, eventsApi } as const;

export const API_ENDPOINTS: readonly ApiEndpoint[] = Object.values(API_GROUPS).flatMap((group) => Object.values(group) as ApiEndpoint[]);
