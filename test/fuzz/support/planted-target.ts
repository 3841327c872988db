/** Targets with planted faults, for the fuzzer's own tests. Imported lazily, after coverage started. */

/** Throws for inputs starting with "FUZZ": found only by following coverage one byte at a time. */
export function magicPrefix(input: Buffer): void {
  if (input[0] === 0x46) {
    if (input[1] === 0x55) {
      if (input[2] === 0x5a) {
        if (input[3] === 0x5a) throw new RangeError('planted: the input starts with FUZZ');
      }
    }
  }
}

/** Loops forever on an input that is exactly "L". */
export function spinOnL(input: Buffer): void {
  if (input.length === 1 && input[0] === 0x4c) {
    let n = 0;
    for (;;) n = (n + 1) % 7;
  }
}

/** Never settles on an input that is exactly "W". */
export function stallOnW(input: Buffer): Promise<void> {
  if (input.length === 1 && input[0] === 0x57) return new Promise(() => undefined);
  return Promise.resolve();
}

/** Pollutes Object.prototype on an input that is exactly "P". */
export function polluteOnP(input: Buffer): void {
  if (input.length === 1 && input[0] === 0x50) (Object.prototype as Record<string, unknown>).fuzzPolluted = true;
}
