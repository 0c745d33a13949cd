import { describe, expect, it } from "vitest";
import { HDKey } from "@scure/bip32";
import { deriveAddress } from "./chains";
import { generateRootKey } from "./root-key";
import { combineShares, parseShareInfo, reshare, splitRootKey } from "./shares";

function pick(shares: Record<string, string>, ...ids: string[]): string[] {
  return ids.map((id) => {
    const s = shares[id];
    if (s === undefined) throw new Error(`no share for ${id}`);
    return s;
  });
}

describe("splitRootKey / combineShares", () => {
  const root = generateRootKey();

  it("2-of-2: both shares reconstruct, one is not enough", async () => {
    const shares = await splitRootKey(root.xprv, 2, ["a", "b"]);
    expect(Object.keys(shares).sort()).toEqual(["a", "b"]);
    expect(await combineShares(pick(shares, "a", "b"), root.rootPubkey)).toBe(root.xprv);
    expect(await combineShares(pick(shares, "b", "a"))).toBe(root.xprv);
    await expect(combineShares(pick(shares, "a"))).rejects.toThrow(/not enough key shares: need 2, got 1/);
  });

  it("2-of-3: any two reconstruct, one is not enough, all three also work", async () => {
    const shares = await splitRootKey(root.xprv, 2, ["a", "b", "c"]);
    for (const pair of [
      ["a", "b"],
      ["a", "c"],
      ["b", "c"],
      ["c", "a"],
    ]) {
      expect(await combineShares(pick(shares, ...pair), root.rootPubkey)).toBe(root.xprv);
    }
    expect(await combineShares(pick(shares, "a", "b", "c"), root.rootPubkey)).toBe(root.xprv);
    for (const one of ["a", "b", "c"]) {
      await expect(combineShares(pick(shares, one))).rejects.toThrow(/not enough/);
    }
  });

  it("3-of-3: needs all three", async () => {
    const shares = await splitRootKey(root.xprv, 3, ["a", "b", "c"]);
    expect(await combineShares(pick(shares, "c", "b", "a"), root.rootPubkey)).toBe(root.xprv);
    await expect(combineShares(pick(shares, "a", "b"))).rejects.toThrow(/need 3, got 2/);
  });

  it("writes self-describing shares that do not reveal the key", async () => {
    const shares = await splitRootKey(root.xprv, 2, ["a", "b", "c"]);
    const [a, b] = pick(shares, "a", "b");
    expect(a).toMatch(/^ucwsss1:[0-9a-f]{16}:2:3:[0-9a-f]{166}$/);
    const ia = parseShareInfo(a ?? "");
    const ib = parseShareInfo(b ?? "");
    expect(ia).toMatchObject({ threshold: 2, participants: 3 });
    expect(ia.setId).toBe(ib.setId);
    expect(ia.shareIndex).not.toBe(ib.shareIndex);
    expect(a).not.toContain(root.xprv.slice(4, 20));
    // A fresh split of the same key is a different, incompatible set.
    const again = await splitRootKey(root.xprv, 2, ["a", "b", "c"]);
    expect(parseShareInfo(pick(again, "a")[0] ?? "").setId).not.toBe(ia.setId);
  });

  it("keys shares by any holder id, including prototype-like names", async () => {
    const shares = await splitRootKey(root.xprv, 2, ["__proto__", "constructor"]);
    expect(Object.keys(shares).sort()).toEqual(["__proto__", "constructor"]);
    expect(await combineShares(pick(shares, "__proto__", "constructor"), root.rootPubkey)).toBe(root.xprv);
  });

  it("refuses bad split parameters", async () => {
    await expect(splitRootKey(root.xprv, 0, ["a", "b"])).rejects.toThrow(/threshold/);
    await expect(splitRootKey(root.xprv, 1, ["a", "b"])).rejects.toThrow(/at least 2/);
    await expect(splitRootKey(root.xprv, 3, ["a", "b"])).rejects.toThrow(/threshold/);
    await expect(splitRootKey(root.xprv, 1.5, ["a", "b"])).rejects.toThrow(/threshold/);
    await expect(splitRootKey(root.xprv, 2, ["a", "a"])).rejects.toThrow(/unique/);
    await expect(splitRootKey(root.xprv, 1, ["a"])).rejects.toThrow(/between 2 and 255/);
    await expect(splitRootKey(root.xprv, 2, ["a", ""])).rejects.toThrow(/non-empty/);
    await expect(splitRootKey(root.xpub, 2, ["a", "b"])).rejects.toThrow(/public key/);
  });

  it("refuses mixed splits, duplicates, tampering and a wrong expected root", async () => {
    const s1 = await splitRootKey(root.xprv, 2, ["a", "b", "c"]);
    const s2 = await splitRootKey(root.xprv, 2, ["a", "b", "c"]);
    const [a1, b1] = pick(s1, "a", "b");
    const [b2] = pick(s2, "b");
    await expect(combineShares([a1 ?? "", b2 ?? ""])).rejects.toThrow(/different splits/);
    await expect(combineShares([a1 ?? "", a1 ?? ""])).rejects.toThrow(/duplicate/);
    await expect(combineShares([])).rejects.toThrow(/no key shares/);
    await expect(combineShares(["hello", a1 ?? ""])).rejects.toThrow(/#1 is malformed/);

    const other = generateRootKey();
    await expect(combineShares([a1 ?? "", b1 ?? ""], other.rootPubkey)).rejects.toThrow(/does not match the expected root/);

    // Flip one payload byte (inside the key material) of one share.
    const a = a1 ?? "";
    const pos = a.length - 60;
    const flipped = a.slice(0, pos) + (a[pos] === "0" ? "1" : "0") + a.slice(pos + 1);
    await expect(combineShares([flipped, b1 ?? ""])).rejects.toThrow(/inconsistent or corrupted/);
  });
});

describe("reshare", () => {
  it("keeps the root key (and so the root pubkey and addresses) for a new group", async () => {
    const root = generateRootKey();
    const oldShares = await splitRootKey(root.xprv, 2, ["phone-1", "phone-2"]);
    const newShares = await reshare(pick(oldShares, "phone-1", "phone-2"), root.rootPubkey, 2, ["phone-1", "phone-2", "phone-3"]);
    expect(Object.keys(newShares).sort()).toEqual(["phone-1", "phone-2", "phone-3"]);
    const xprv = await combineShares(pick(newShares, "phone-2", "phone-3"), root.rootPubkey);
    expect(xprv).toBe(root.xprv);
    const xpub = HDKey.fromExtendedKey(xprv).publicExtendedKey;
    expect(deriveAddress(xpub, "SETH", 0)).toEqual(deriveAddress(root.xpub, "SETH", 0));
    expect(deriveAddress(xpub, "XTN", 3)).toEqual(deriveAddress(root.xpub, "XTN", 3));
    // Old and new shares never mix.
    await expect(combineShares([...pick(oldShares, "phone-1"), ...pick(newShares, "phone-2")])).rejects.toThrow(/different splits/);
  });

  it("refuses when the old shares do not rebuild the expected root", async () => {
    const root = generateRootKey();
    const other = generateRootKey();
    const shares = await splitRootKey(root.xprv, 2, ["a", "b"]);
    await expect(reshare(pick(shares, "a", "b"), other.rootPubkey, 2, ["a", "b"])).rejects.toThrow(/expected root/);
    await expect(reshare(pick(shares, "a"), root.rootPubkey, 2, ["a", "b"])).rejects.toThrow(/not enough/);
    await expect(reshare(pick(shares, "a", "b"), root.rootPubkey, 3, ["a", "b"])).rejects.toThrow(/threshold/);
  });
});
