import v8 from 'node:v8';
import vm from 'node:vm';

/** Memory as the fuzzer watches it: the heap left after a full collection, and the process's peak RSS. */
export interface MemorySample {
  heapUsed: number;
  maxRss: number;
}

let collect: (() => void) | undefined;

/** A full garbage collection, without starting node with --expose-gc. */
function fullGc(): void {
  if (!collect) {
    v8.setFlagsFromString('--expose-gc');
    collect = vm.runInNewContext('gc') as () => void;
  }
  collect();
}

export function sampleMemory(): MemorySample {
  fullGc();
  return { heapUsed: process.memoryUsage().heapUsed, maxRss: process.resourceUsage().maxRSS * 1024 };
}
