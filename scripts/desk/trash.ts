/**
 * Deleting at the desk can be undone until the next deploy to the live site: a deleted article or
 * picture is moved to .cache/desk-trash/ (one folder per deletion: the file's bytes and what it
 * was), with the article's line of the id ledger, and 恢复 puts both back. Once production has
 * been deployed after the deletion (scripts/deploy/deployed.ts), readers have lost the article too and
 * the deletion is final: the trash drops it.
 */
import { randomUUID } from "node:crypto";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { readLedger, writeLedger, type LedgerEntry } from "../content/ledger.ts";
import { readDeployed } from "../deploy/deployed.ts";

export const TRASH = ".cache/desk-trash";

export interface Trashed {
  /** The trash folder's name: what 恢复 names. */
  id: string;
  /** Where the file was (content/articles/x.md, content/media/y.jpg). */
  path: string;
  title?: string;
  deletedAt: string;
  /** The article's id and its ledger line, when it had one. */
  ledger?: { id: string; entry: LedgerEntry };
}

const NAME = /^[0-9]{8}T[0-9]{6}-[0-9a-f]{8}$/;

/**
 * `place(rel)`: the absolute path a restore may write content/… to (the desk's guard: inside
 * content/, no symbolic link on the way; it throws otherwise).
 */
export function createTrash(
  root: string,
  place: (rel: string) => Promise<string> = async (rel) => join(root, rel),
  now: () => Date = () => new Date(),
) {
  const dir = join(root, TRASH);

  /** Moves `bytes` (the file at `path`, about to be unlinked) and its ledger line into the trash. */
  async function keep(entry: Omit<Trashed, "id" | "deletedAt">, bytes: Buffer): Promise<Trashed> {
    const at = now();
    const id = `${at.toISOString().replace(/[-:]/g, "").slice(0, 15)}-${randomUUID().slice(0, 8)}`;
    const item: Trashed = { id, deletedAt: at.toISOString(), ...entry };
    await mkdir(join(dir, id), { recursive: true });
    await writeFile(join(dir, id, "file"), bytes);
    await writeFile(join(dir, id, "meta.json"), `${JSON.stringify(item, null, 2)}\n`);
    return item;
  }

  /** What can still be restored, newest first; deletions older than the last production deploy are dropped. */
  async function list(): Promise<Trashed[]> {
    const deployed = await readDeployed(root, "production");
    const items: Trashed[] = [];
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      if (!NAME.test(name)) continue;
      const meta = await readFile(join(dir, name, "meta.json"), "utf8").catch(() => undefined);
      let item: Trashed | undefined;
      try {
        item = meta === undefined ? undefined : ({ ...JSON.parse(meta), id: name } as Trashed);
      } catch {
        item = undefined;
      }
      if (!item || typeof item.path !== "string") continue;
      if (deployed && item.deletedAt < deployed.at) {
        await rm(join(dir, name), { recursive: true, force: true });
        continue;
      }
      items.push(item);
    }
    return items.sort((a, b) => (a.deletedAt < b.deletedAt ? 1 : -1));
  }

  /**
   * Puts a deleted file back where it was, and its ledger line. Refused (409) when a file has
   * taken its place since, or its id is in the ledger for another article.
   */
  async function restore(id: unknown): Promise<{ status: number; body: unknown }> {
    const item = typeof id === "string" && NAME.test(id) ? (await list()).find((i) => i.id === id) : undefined;
    if (!item) return { status: 404, body: { error: "回收站里没有这一项(可能已经部署,删除已生效)。" } };
    const target = await place(item.path);
    if (await readFile(target).catch(() => undefined))
      return {
        status: 409,
        body: { error: `${item.path} 已有同名文件:请先把现在的文章换一个网址,再恢复。`, conflict: true },
      };
    if (item.ledger) {
      const { ledger, issues } = await readLedger(root);
      if (issues.length) return { status: 409, body: { error: "id 登记表(content/id-ledger.json)有错误,未恢复。" } };
      const held = ledger[item.ledger.id];
      if (held && held.slug !== item.ledger.entry.slug)
        return { status: 409, body: { error: `这篇文章的 id 已被另一篇文章(${held.slug})使用,未恢复。` } };
      await writeFile(target, await readFile(join(dir, item.id, "file")));
      await place("content/id-ledger.json");
      ledger[item.ledger.id] = item.ledger.entry;
      await writeLedger(root, ledger);
    } else await writeFile(target, await readFile(join(dir, item.id, "file")));
    await rm(join(dir, item.id), { recursive: true, force: true });
    return { status: 200, body: { restored: item.path } };
  }

  return { keep, list, restore };
}

export type Trash = ReturnType<typeof createTrash>;
