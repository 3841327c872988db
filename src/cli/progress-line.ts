/**
 * Progress for long jobs on stderr: one line rewritten in place on a terminal, or one line per message
 * (at most one every `minIntervalMs`, the last always shown by `done`) when stderr is a file or a pipe.
 */
export function progressLine(stream: NodeJS.WriteStream = process.stderr, minIntervalMs = 2000): { update: (m: string) => void; done: () => void } {
  const tty = stream.isTTY === true;
  let last = 0;
  let pending: string | undefined;
  return {
    update(message) {
      if (tty) {
        stream.write(`\r\x1b[2K${message}`);
        return;
      }
      const now = Date.now();
      if (now - last >= minIntervalMs) {
        stream.write(`${message}\n`);
        last = now;
        pending = undefined;
      } else pending = message;
    },
    done() {
      if (tty) stream.write('\n');
      else if (pending) stream.write(`${pending}\n`);
      pending = undefined;
    },
  };
}
