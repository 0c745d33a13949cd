import {
  KeyShareHolderGroupStatus,
  KeyShareHolderStatus,
  TSSRequestStatus,
  TransactionStatus,
  TransactionSubStatus,
} from "@cobo/cobo-waas2";
import { describe, expect, it } from "vitest";
import { isKnown, type StatusCatalog } from "@/lib/domain/status/catalog";
import { GROUP_STATUS, KEY_SHARE_HOLDER_STATUS } from "@/lib/domain/status/key-share-holder-group";
import { TRANSACTION_STATUS, TRANSACTION_SUB_STATUS } from "@/lib/domain/status/transaction";
import { TSS_REQUEST_STATUS } from "@/lib/domain/status/tss-request";

// Every value of Cobo's status enums, as the SDK we build against (npm @cobo/cobo-waas2) defines
// them, is in the status catalog of its subject; and every catalog value said to come from Cobo is
// Cobo's (or a documented newer one). A new SDK with new values fails here until they are placed.

const enumValues = (e: Record<string, string>): string[] => Object.values(e).filter((v) => v !== "unknown_default_open_api");

/** Values Cobo's later API versions use that npm 1.8.0's enums do not list yet. */
const NEWER_THAN_SDK = new Set(["Canceled"]);

const cases: [string, Record<string, string>, StatusCatalog][] = [
  ["TransactionStatus", new TransactionStatus(), TRANSACTION_STATUS],
  ["TransactionSubStatus", new TransactionSubStatus(), TRANSACTION_SUB_STATUS],
  ["TSSRequestStatus", new TSSRequestStatus(), TSS_REQUEST_STATUS],
  ["KeyShareHolderGroupStatus", new KeyShareHolderGroupStatus(), GROUP_STATUS],
  ["KeyShareHolderStatus", new KeyShareHolderStatus(), KEY_SHARE_HOLDER_STATUS],
];

describe("Cobo's status enums and the catalogs", () => {
  it.each(cases)("every %s value is in its catalog", (_name, sdkEnum, catalog) => {
    const values = enumValues(sdkEnum);
    expect(values.length).toBeGreaterThan(2);
    expect(values.filter((v) => !isKnown(catalog, v))).toEqual([]);
  });

  it.each(cases)("every catalog value said to be Cobo's is a %s value", (_name, sdkEnum, catalog) => {
    const values = new Set(enumValues(sdkEnum));
    const strays = catalog.entries.filter((e) => e.origin === "cobo" && !values.has(e.value) && !NEWER_THAN_SDK.has(e.value));
    expect(strays.map((e) => e.value)).toEqual([]);
  });
});
