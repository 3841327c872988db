import { close as fsClose, fdatasync as fsFdatasync, open as fsOpen, write as fsWrite } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, unlink, writeFile, type FileHandle } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import type { LedgerRow } from '../ledger-row.js';

const SEGMENT = /^seg-\d+-\d+\.jsonl$/;
/** A segment's name starts with the Unix ms it was started at. */
const SEGMENT_TIME = /^seg-(\d+)-/;
/** Most rows kept in memory for the drainer (about 1 KB each); beyond, segments are read back from disk. */
const MEMORY_ROWS = 20_000;

/**
 * A durable local spool of ledger rows: append-only segment files of JSON lines in a folder owned by one
 * process. `append` resolves once the rows are on disk (fdatasync). The drainer seals the segment being
 * written (later appends start a new one), sends a sealed segment's rows on, and removes the file once
 * they are committed. Segments left by a previous run (a crash, an outage) are found at open and drained
 * first. A torn last line (a crash in the middle of an append whose promise never resolved) is skipped.
 * The rows of segments this process wrote are also kept in memory (up to `MEMORY_ROWS`), so the drainer
 * sends them without reading the file back; the file stays until they are committed, for a crash.
 */
export class RowSpool {
  /** `cache`: the segment's rows as appended, while they fit in `MEMORY_ROWS` (else read back from disk). */
  private current: { path: string; fd: number; rows: number; cache: LedgerRow[] | undefined } | undefined;
  private readonly sealedPaths: string[] = [];
  /** Rows of sealed segments written by this process, kept so the drainer need not read and parse them. */
  private readonly cached = new Map<string, LedgerRow[]>();
  private cachedRows = 0;
  /** Rows in each sealed segment, where known: those this process wrote, and those the drainer has read. */
  private readonly rowCounts = new Map<string, number>();
  private chain: Promise<unknown> = Promise.resolve();
  private seq = 0;

  private constructor(readonly dir: string) {}

  /**
   * Open (creating) the spool folder `root/name`, taking over the segments of sibling folders whose owner
   * process is gone (a worker that no longer exists).
   */
  static async open(root: string, name: string): Promise<RowSpool> {
    const spool = new RowSpool(join(root, name));
    await mkdir(spool.dir, { recursive: true });
    await writeFile(join(spool.dir, 'owner.pid'), String(process.pid));
    await spool.adoptOrphans(root, name);
    const found = (await readdir(spool.dir)).filter((f) => SEGMENT.test(f)).sort();
    spool.sealedPaths.push(...found.map((f) => join(spool.dir, f)));
    return spool;
  }

  /** Sealed segments waiting to be drained, oldest first. */
  get sealed(): readonly string[] {
    return this.sealedPaths;
  }

  /** Whether the segment being written holds rows. */
  get hasOpenRows(): boolean {
    return (this.current?.rows ?? 0) > 0;
  }

  /** Append rows; resolves once they are durable. Appends and seals run one at a time, in order. */
  append(rows: readonly LedgerRow[]): Promise<void> {
    return this.serial(async () => {
      if (!this.current) {
        const path = join(this.dir, `seg-${String(Date.now()).padStart(15, '0')}-${String(++this.seq).padStart(9, '0')}.jsonl`);
        this.current = { path, fd: await openFd(path), rows: 0, cache: [] };
        await syncDir(this.dir);
      }
      const text = rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
      const current = this.current;
      try {
        await writeAll(current.fd, Buffer.from(text));
        await fdatasync(current.fd);
      } catch (err) {
        // part of it may be on disk: the drainer reads this segment back from the file
        this.dropCache(current);
        throw err;
      }
      current.rows += rows.length;
      if (current.cache && this.cachedRows + rows.length <= MEMORY_ROWS) {
        current.cache.push(...rows);
        this.cachedRows += rows.length;
      } else {
        this.dropCache(current);
      }
    });
  }

  /** Close the segment being written (if it holds rows), making it the newest sealed one. */
  seal(): Promise<void> {
    return this.serial(async () => {
      if (!this.current || this.current.rows === 0) return;
      const { path, fd, rows, cache } = this.current;
      this.current = undefined;
      await closeFd(fd);
      this.rowCounts.set(path, rows);
      if (cache) this.cached.set(path, cache);
      this.sealedPaths.push(path);
    });
  }

  /** The rows of the oldest sealed segment, or undefined when none is sealed. */
  async readOldest(): Promise<{ path: string; rows: LedgerRow[] } | undefined> {
    const path = this.sealedPaths[0];
    if (!path) return undefined;
    const cached = this.cached.get(path);
    if (cached) return { path, rows: cached };
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      return { path, rows: [] }; // another process adopted it

    }
    const rows: LedgerRow[] = [];
    for (const line of text.split('\n')) {
      if (line === '') continue;
      try {
        rows.push(JSON.parse(line) as LedgerRow);
      } catch {
        // a torn append from a crash: its write never resolved, so no client was told it was recorded
      }
    }
    this.rowCounts.set(path, rows.length);
    return { path, rows };
  }

  /** The oldest sealed segment's rows are committed downstream: delete it. */
  async removeOldest(): Promise<void> {
    const path = this.sealedPaths.shift();
    const cached = path === undefined ? undefined : this.cached.get(path);
    if (cached) {
      this.cached.delete(path!);
      this.cachedRows -= cached.length;
    }
    if (path) {
      this.rowCounts.delete(path);
      await unlink(path).catch(() => undefined);
    }
  }

  /**
   * What waits here to be drained: rows (those of segments left by an earlier run count once the drainer
   * has read them), segment files, and when the oldest segment was started (Unix ms).
   */
  depth(): { rows: number; segments: number; oldestAt: number | undefined } {
    let rows = this.current?.rows ?? 0;
    for (const path of this.sealedPaths) rows += this.rowCounts.get(path) ?? 0;
    const open = this.current && this.current.rows > 0 ? 1 : 0;
    const oldest = this.sealedPaths[0] ?? (open ? this.current!.path : undefined);
    const started = oldest === undefined ? undefined : SEGMENT_TIME.exec(basename(oldest))?.[1];
    return { rows, segments: this.sealedPaths.length + open, oldestAt: started === undefined ? undefined : Number(started) };
  }

  async close(): Promise<void> {
    await this.serial(async () => {
      if (this.current) await closeFd(this.current.fd);
      if (this.current && this.current.rows === 0) await unlink(this.current.path).catch(() => undefined);
      this.current = undefined;
    });
  }

  private dropCache(current: { cache: LedgerRow[] | undefined }): void {
    if (!current.cache) return;
    this.cachedRows -= current.cache.length;
    current.cache = undefined;
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.chain.then(task, task);
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async adoptOrphans(root: string, name: string): Promise<void> {
    for (const sibling of await readdir(root)) {
      if (sibling === name) continue;
      const dir = join(root, sibling);
      const owner = Number(await readFile(join(dir, 'owner.pid'), 'utf8').catch(() => ''));
      if (!Number.isInteger(owner) || owner <= 0 || isAlive(owner)) continue;
      for (const f of await readdir(dir).catch(() => [] as string[])) {
        if (!SEGMENT.test(f)) continue;
        // rename is atomic: if two processes adopt at once, each segment goes to one of them
        await rename(join(dir, f), join(this.dir, f)).catch(() => undefined);
      }
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// The segment's file through the callback API on a plain descriptor: a spool appends hundreds of times a
// second, and FileHandle's promise API cost several times more CPU per call in a profile.
const openFd = promisify((path: string, cb: (err: NodeJS.ErrnoException | null, fd: number) => void) => fsOpen(path, 'a', cb));
const fdatasync = promisify(fsFdatasync);
const closeFd = promisify(fsClose);
const writeSome = (fd: number, buffer: Buffer, offset: number, length: number) =>
  new Promise<number>((resolve, reject) => fsWrite(fd, buffer, offset, length, null, (err, written) => (err ? reject(err) : resolve(written))));

/** Write the whole buffer (a short write continues where it stopped). */
async function writeAll(fd: number, buffer: Buffer): Promise<void> {
  let offset = 0;
  while (offset < buffer.length) offset += await writeSome(fd, buffer, offset, buffer.length - offset);
}

/** Make a new file's directory entry durable (off the event loop: a directory sync can take milliseconds). */
async function syncDir(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // some file systems refuse to fsync a directory; the file's own data is synced regardless
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
