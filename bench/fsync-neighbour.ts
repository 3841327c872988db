/**
 * A neighbour that makes the disk slow to sync: it appends 64 KiB and calls fdatasync in a loop, in the
 * folder given, until the process it watches exits (or 10 minutes pass). Run beside a gateway, it shows
 * whether the gateway's throughput depends on how fast the disk syncs. Prints the syncs it made and their
 * median time when it stops.
 * Usage: node fsync-neighbour.js <folder> <pid to outlive>
 */
import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';

async function main(): Promise<void> {
  const [folder, pidText] = process.argv.slice(2);
  if (!folder || !pidText) throw new Error('usage: fsync-neighbour <folder> <pid>');
  const watched = Number(pidText);
  const path = join(folder, `fsync-neighbour-${process.pid}.bin`);
  const file = await open(path, 'w');
  const block = Buffer.alloc(64 * 1024, 7);
  const times: number[] = [];
  const deadline = Date.now() + 10 * 60_000;
  let bytes = 0;
  while (alive(watched) && Date.now() < deadline) {
    const t = performance.now();
    await file.write(block);
    await file.datasync();
    times.push(performance.now() - t);
    bytes += block.length;
    // keep the file small: start again every 64 MiB
    if (bytes >= 64 * 1024 * 1024) {
      await file.truncate(0);
      bytes = 0;
    }
  }
  await file.close();
  await rm(path, { force: true });
  times.sort((a, b) => a - b);
  console.log(JSON.stringify({ syncs: times.length, medianMs: times[Math.floor(times.length / 2)] ?? null }));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
