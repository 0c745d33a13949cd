// Minimal typings for `@cobo/cobo-waas2` 1.8.0 (it ships none): only the parts lib/cobo uses.
// Request bodies are typed `object` here because lib/cobo's own functions carry the precise
// parameter types; responses are `unknown` because lib/cobo validates every answer with zod.
// Method names, argument order and body keys (`opts.CreateMpcVaultRequest`, …) are those of
// node_modules/@cobo/cobo-waas2/dist/api/*.js.

declare module "@cobo/cobo-waas2" {
  /** What superagent hands back for an answered request (success or HTTP error). */
  export interface SdkHttpResponse {
    status: number;
    body: unknown;
    text?: string;
    headers: Record<string, string | string[] | undefined>;
  }

  /** What every `*WithHttpInfo` method resolves to. */
  export interface SdkResult {
    data: unknown;
    response: SdkHttpResponse;
  }

  /** Paging options every list method accepts. */
  export interface SdkPageOpts {
    limit?: number;
    before?: string;
    after?: string;
  }

  /** A base URL holder; the SDK reads only `basePath`. */
  export class Env {
    constructor(basePath: string);
    basePath: string;
    static PROD: Env;
    static DEV: Env;
  }

  export type SdkCurve = "ED25519" | "SECP256K1";

  /** Low-level client: builds, signs and sends requests (dist/ApiClient.js). */
  export class ApiClient {
    constructor(env?: Env, privateKey?: string, curveType?: string);
    basePath: string;
    timeout: number;
    defaultHeaders: Record<string, string>;
    setEnv(env: Env): void;
    setPrivateKey(privateKeyHex: string, curveType?: SdkCurve): void;
    callApi(
      path: string,
      httpMethod: string,
      pathParams: Record<string, unknown>,
      queryParams: Record<string, unknown>,
      headerParams: Record<string, unknown>,
      formParams: Record<string, unknown>,
      bodyParam: unknown,
      authNames: string[],
      contentTypes: string[],
      accepts: string[],
      returnType: unknown,
      apiBasePath: string | null,
    ): Promise<SdkResult>;
    deserialize(response: SdkHttpResponse, returnType: unknown): unknown;
  }

  export class WalletsMPCWalletsApi {
    constructor(apiClient?: ApiClient);
    createMpcProjectWithHttpInfo(opts: { CreateMpcProjectRequest: object }): Promise<SdkResult>;
    getMpcProjectByIdWithHttpInfo(project_id: string): Promise<SdkResult>;
    listMpcProjectsWithHttpInfo(opts: SdkPageOpts): Promise<SdkResult>;
    createMpcVaultWithHttpInfo(opts: { CreateMpcVaultRequest: object }): Promise<SdkResult>;
    getMpcVaultByIdWithHttpInfo(vault_id: string): Promise<SdkResult>;
    listMpcVaultsWithHttpInfo(vault_type: string, opts: SdkPageOpts & { project_id?: string }): Promise<SdkResult>;
    updateMpcVaultByIdWithHttpInfo(vault_id: string, opts: { UpdateMpcVaultByIdRequest: object }): Promise<SdkResult>;
    createKeyShareHolderGroupWithHttpInfo(vault_id: string, opts: { CreateKeyShareHolderGroupRequest: object }): Promise<SdkResult>;
    getKeyShareHolderGroupByIdWithHttpInfo(vault_id: string, key_share_holder_group_id: string): Promise<SdkResult>;
    listKeyShareHolderGroupsWithHttpInfo(
      vault_id: string,
      opts: SdkPageOpts & { key_share_holder_group_type?: string },
    ): Promise<SdkResult>;
    updateKeyShareHolderGroupByIdWithHttpInfo(
      vault_id: string,
      key_share_holder_group_id: string,
      opts: { UpdateKeyShareHolderGroupByIdRequest: object },
    ): Promise<SdkResult>;
    deleteKeyShareHolderGroupByIdWithHttpInfo(vault_id: string, key_share_holder_group_id: string): Promise<SdkResult>;
    createTssRequestWithHttpInfo(vault_id: string, opts: { CreateTssRequestRequest: object }): Promise<SdkResult>;
    getTssRequestByIdWithHttpInfo(vault_id: string, tss_request_id: string): Promise<SdkResult>;
    listTssRequestsWithHttpInfo(vault_id: string, key_share_holder_group_id: string, opts: SdkPageOpts): Promise<SdkResult>;
    cancelTssRequestByIdWithHttpInfo(vault_id: string, tss_request_id: string): Promise<SdkResult>;
    listCoboKeyHoldersWithHttpInfo(): Promise<SdkResult>;
  }

  export class WalletsApi {
    constructor(apiClient?: ApiClient);
    createWalletWithHttpInfo(opts: { CreateWalletParams: object }): Promise<SdkResult>;
    getWalletByIdWithHttpInfo(wallet_id: string): Promise<SdkResult>;
    listWalletsWithHttpInfo(
      opts: SdkPageOpts & { wallet_type?: string; wallet_subtype?: string; project_id?: string; vault_id?: string },
    ): Promise<SdkResult>;
    createAddressWithHttpInfo(wallet_id: string, opts: { CreateAddressRequest: object }): Promise<SdkResult>;
    listAddressesWithHttpInfo(wallet_id: string, opts: SdkPageOpts & { chain_ids?: string; addresses?: string }): Promise<SdkResult>;
    getTokenByIdWithHttpInfo(token_id: string): Promise<SdkResult>;
    listEnabledTokensWithHttpInfo(
      opts: SdkPageOpts & { wallet_type?: string; wallet_subtype?: string; chain_ids?: string },
    ): Promise<SdkResult>;
    getChainByIdWithHttpInfo(chain_id: string): Promise<SdkResult>;
    listEnabledChainsWithHttpInfo(opts: SdkPageOpts & { wallet_type?: string; wallet_subtype?: string }): Promise<SdkResult>;
    listTokenBalancesForWalletWithHttpInfo(wallet_id: string, opts: SdkPageOpts & { token_ids?: string }): Promise<SdkResult>;
    listTokenBalancesForAddressWithHttpInfo(
      wallet_id: string,
      address: string,
      opts: SdkPageOpts & { token_ids?: string },
    ): Promise<SdkResult>;
  }

  export class TransactionsApi {
    constructor(apiClient?: ApiClient);
    estimateFeeWithHttpInfo(opts: { EstimateFeeParams: object }): Promise<SdkResult>;
    createTransferTransactionWithHttpInfo(opts: { TransferParams: object }): Promise<SdkResult>;
    getTransactionByIdWithHttpInfo(transaction_id: string): Promise<SdkResult>;
    listTransactionsWithHttpInfo(opts: SdkPageOpts & Record<string, string | number | undefined>): Promise<SdkResult>;
    cancelTransactionByIdWithHttpInfo(transaction_id: string): Promise<SdkResult>;
  }

  export class DevelopersWebhooksApi {
    constructor(apiClient?: ApiClient);
    createWebhookEndpointWithHttpInfo(opts: { CreateWebhookEndpointRequest: object }): Promise<SdkResult>;
    getWebhookEndpointByIdWithHttpInfo(endpoint_id: string): Promise<SdkResult>;
    listWebhookEndpointsWithHttpInfo(opts: SdkPageOpts & { status?: string; event_type?: string }): Promise<SdkResult>;
    updateWebhookEndpointByIdWithHttpInfo(endpoint_id: string, opts: { UpdateWebhookEndpointByIdRequest: object }): Promise<SdkResult>;
    listWebhookEventDefinitionsWithHttpInfo(): Promise<SdkResult>;
    listWebhookEventsWithHttpInfo(endpoint_id: string, opts: SdkPageOpts & { status?: string; type?: string }): Promise<SdkResult>;
    getWebhookEventByIdWithHttpInfo(event_id: string, endpoint_id: string): Promise<SdkResult>;
    listWebhookEventLogsWithHttpInfo(event_id: string, endpoint_id: string, opts: SdkPageOpts): Promise<SdkResult>;
    retryWebhookEventByIdWithHttpInfo(event_id: string, endpoint_id: string): Promise<SdkResult>;
    triggerTestWebhookEventWithHttpInfo(opts: { TriggerTestWebhookEventRequest: object }): Promise<SdkResult>;
  }

  export class DevelopersApi {
    constructor(apiClient?: ApiClient);
    getApiKeyInfoWithHttpInfo(): Promise<SdkResult>;
    listCallbackMessagesWithHttpInfo(
      opts: SdkPageOpts & {
        callback_message_ids?: string;
        request_ids?: string;
        transaction_ids?: string;
        wallet_ids?: string;
        status?: string;
      },
    ): Promise<SdkResult>;
    retryCallbackMessageWithHttpInfo(message_id: string): Promise<SdkResult>;
  }

  /**
   * Cobo's enums (dist/model/*.js): an instance holds each value under its own name, plus the
   * generator's "unknown_default_open_api". Only the status catalog tests read them.
   */
  export class TransactionStatus {
    readonly [name: string]: string;
  }
  export class TransactionSubStatus {
    readonly [name: string]: string;
  }
  export class TSSRequestStatus {
    readonly [name: string]: string;
  }
  export class KeyShareHolderGroupStatus {
    readonly [name: string]: string;
  }
  export class KeyShareHolderStatus {
    readonly [name: string]: string;
  }
}
