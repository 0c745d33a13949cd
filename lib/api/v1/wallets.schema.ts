import { z } from "zod";
import { endpoint } from "@/lib/api/v1/endpoint";
import { Timestamp } from "@/lib/api/v1/common.schema";

// Wallets, addresses and balances of the caller's vault. Ids in paths are Cobo's (the UCW SDK and
// the app know only those); amounts are decimal strings.

/** Longest wallet name we accept: Cobo allows 100, and we append a 9-character vault tag (see create-wallet.ts). */
export const WALLET_NAME_MAX = 80;

export const WalletName = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(WALLET_NAME_MAX, `must be at most ${WALLET_NAME_MAX} characters`)
  .regex(/^[^+\-=@]*$/, "must not contain + - = or @ (Cobo rejects them)")
  // Control characters would make the name unreadable in Cobo Portal and logs.
  .regex(/^[^\p{Cc}]*$/u, "must not contain control characters")
  .describe("Display name of the wallet (1–80 characters, no + - = @)");

/** A Cobo id in a path or filter (wallet, transaction): letters, digits, `_` and `-`. */
export const CoboId = (what: string) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,128}$/, `must be a ${what} id`)
    .describe(`Cobo ${what} id`);

export const ChainId = z
  .string()
  .regex(/^[A-Za-z0-9_]{1,32}$/, 'must be a Cobo chain id, e.g. "ETH" or "BTC"')
  .describe('Cobo chain id, e.g. "ETH"');

export const TokenId = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be a Cobo token id, e.g. "ETH_USDT"')
  .describe('Cobo token id, e.g. "ETH_USDT"');

export const WalletIdParams = z.object({ wallet_id: CoboId("wallet") });

export const CreateWalletBody = z.object({ name: WalletName }).meta({ id: "CreateWalletRequest" });

export const WalletSchema = z
  .object({
    wallet_id: z.string().describe("Cobo wallet id: use it in every wallet path"),
    name: z.string(),
    vault_id: z.string().describe("Cobo vault id"),
    wallet_type: z.literal("MPC"),
    wallet_subtype: z.literal("User-Controlled"),
    created_at: Timestamp,
  })
  .meta({ id: "Wallet" });

export const WalletList = z.object({ data: z.array(WalletSchema) }).meta({ id: "WalletList" });

export const CreateAddressBody = z.object({ chain_id: ChainId }).meta({ id: "CreateAddressRequest" });

export const AddressSchema = z
  .object({
    address: z.string(),
    chain_id: z.string(),
    memo: z.string().nullable(),
    path: z.string().nullable().describe("BIP32 derivation path (needed for offline disaster recovery)"),
    pubkey: z.string().nullable().describe("Public key of the address (needed for offline disaster recovery)"),
    encoding: z.string().nullable().describe("Cobo address encoding, e.g. ENCODING_BECH32"),
    created_at: Timestamp,
  })
  .meta({ id: "Address" });

export const AddressList = z.object({ data: z.array(AddressSchema) }).meta({ id: "AddressList" });

export const AddressListQuery = z.object({ chain_id: ChainId.optional().describe("Only addresses on this chain") });

/** An address in a path: what chains use (letters, digits, and `_ . : -`), at most 128 characters. */
export const AddressParam = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{1,128}$/, "must be an address (letters, digits, _ . : -)")
  .describe("One of the wallet's addresses (EVM addresses in any letter case)");

export const AddressParams = z.object({ wallet_id: CoboId("wallet"), address: AddressParam });

export const BalancesQuery = z.object({ token_id: TokenId.optional().describe("Only this token") });

export const TokenBalanceSchema = z
  .object({
    token_id: z.string(),
    balance: z.object({
      total: z.string().describe("Decimal string"),
      available: z.string().describe("Decimal string: what can be spent now"),
      pending: z.string().describe("Decimal string"),
      locked: z.string().describe("Decimal string: held by transfers in progress"),
    }),
  })
  .meta({ id: "TokenBalance" });

export const BalanceList = z.object({ data: z.array(TokenBalanceSchema) }).meta({ id: "TokenBalanceList" });

const walletPath = "/api/v1/wallets/{wallet_id}";

/** The operations of this part of the API, by name (route files import them; lib/api/v1/endpoints.ts lists them all). */
export const walletsApi = {
  createWallet: endpoint({
    method: "post",
    path: "/api/v1/wallets",
    tag: "Wallets",
    summary: "Create a wallet in my vault",
    description:
      "Needs a Main Group whose key generation succeeded (otherwise 409). Creating a wallet with a name you already use returns that wallet (200), so a retry after a lost answer is safe.",
    auth: "bearer",
    body: CreateWalletBody,
    responses: {
      201: { description: "Created", schema: WalletSchema },
      200: { description: "You already have a wallet with this name", schema: WalletSchema },
    },
    errors: [409, 422, 502, 503],
  }),
  listWallets: endpoint({
    method: "get",
    path: "/api/v1/wallets",
    tag: "Wallets",
    summary: "List my wallets",
    auth: "bearer",
    responses: { 200: { description: "My wallets, oldest first", schema: WalletList } },
  }),
  getWallet: endpoint({
    method: "get",
    path: walletPath,
    tag: "Wallets",
    summary: "Get one of my wallets",
    auth: "bearer",
    params: WalletIdParams,
    responses: { 200: { description: "The wallet", schema: WalletSchema } },
    errors: [404, 422],
  }),
  createAddress: endpoint({
    method: "post",
    path: `${walletPath}/addresses`,
    tag: "Wallets",
    summary: "Create a new address on a chain",
    description: "The address's BIP32 path and public key are stored for offline disaster recovery.",
    auth: "bearer",
    params: WalletIdParams,
    body: CreateAddressBody,
    responses: { 201: { description: "Created", schema: AddressSchema } },
    errors: [404, 422, 502, 503],
  }),
  listAddresses: endpoint({
    method: "get",
    path: `${walletPath}/addresses`,
    tag: "Wallets",
    summary: "List the wallet's addresses with path and public key",
    auth: "bearer",
    params: WalletIdParams,
    query: AddressListQuery,
    responses: { 200: { description: "The wallet's addresses, oldest first", schema: AddressList } },
    errors: [404, 422],
  }),
  balances: endpoint({
    method: "get",
    path: `${walletPath}/balances`,
    tag: "Wallets",
    summary: "Balances of the wallet per token",
    description: "Read from Cobo on every call. Amounts are decimal strings.",
    auth: "bearer",
    params: WalletIdParams,
    query: BalancesQuery,
    responses: { 200: { description: "One entry per token the wallet holds (or the one asked for)", schema: BalanceList } },
    errors: [404, 422, 502, 503],
  }),
  addressBalances: endpoint({
    method: "get",
    path: `${walletPath}/addresses/{address}/balances`,
    tag: "Wallets",
    summary: "Balances of one of my addresses per token",
    description:
      "Read from Cobo on every call. An EVM address holds tokens of every enabled EVM chain, so its list can span chains. Amounts are decimal strings.",
    auth: "bearer",
    params: AddressParams,
    query: BalancesQuery,
    responses: { 200: { description: "One entry per token the address holds (or the one asked for)", schema: BalanceList } },
    errors: [404, 422, 502, 503],
  }),
};
