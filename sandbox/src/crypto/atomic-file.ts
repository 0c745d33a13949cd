// Crash-safe writes of small secret files: temp file (mode 0600) + fsync + rename/link
// + directory fsync, so a reader sees either the old or the new content, never a torn file.
import { link, mkdir, open, rename, rm, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { bytesToHex, randomBytes } from "@noble/hashes/utils.js";

// Thrown when a create-only write finds the target already present (nothing is changed).
export class FileExistsError extends Error {
  constructor(path: string) {
    super(`refusing to overwrite existing file: ${path}`);
    this.name = "FileExistsError";
  }
}

// Atomically writes `data` with mode 0600; with overwrite=false throws FileExistsError instead of replacing a file.
export async function writeFileAtomic(path: string, data: string, opts: { overwrite: boolean }): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const tmp = join(dir, `.${basename(path)}.${bytesToHex(randomBytes(6))}.tmp`);
  const fh = await open(tmp, "wx", 0o600);
  try {
    await fh.writeFile(data, "utf8");
    await fh.sync();
  } catch (err) {
    await fh.close();
    await rm(tmp, { force: true });
    throw err;
  }
  await fh.close();
  try {
    if (opts.overwrite) {
      await rename(tmp, path);
    } else {
      // link() fails with EEXIST instead of replacing: an atomic "create if absent".
      await link(tmp, path);
      await unlink(tmp);
    }
  } catch (err) {
    await rm(tmp, { force: true });
    if (isErrno(err, "EEXIST")) throw new FileExistsError(path);
    throw err;
  }
  await fsyncDir(dir);
}

async function fsyncDir(dir: string): Promise<void> {
  try {
    const dh = await open(dir, "r");
    try {
      await dh.sync();
    } finally {
      await dh.close();
    }
  } catch {
    // Some platforms/filesystems cannot fsync a directory; the rename itself is still atomic.
  }
}

function isErrno(err: unknown, code: string): boolean {
  return typeof err === "object" && err !== null && "code" in err && (err as { code: unknown }).code === code;
}
