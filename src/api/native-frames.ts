import type { StreamPart } from '../spec/stream-part.js';

/**
 * A door's side of a stream passed through on its own wire: the upstream's frames are written as they
 * came, except the terminal one, held until the ledger row is durable (`end`), as every door's last frame
 * is. Once a stream is native the door's own encoding is used only to keep count (usage, finish, characters).
 */
export class NativeFrames {
  private active = false;
  private held = '';

  /** Whether the stream is being passed through. */
  get passing(): boolean {
    return this.active;
  }

  /** The frame to write now for a native part ('' for the terminal one, held). */
  take(part: Extract<StreamPart, { type: 'native' }>): string {
    this.active = true;
    if (part.final) {
      this.held += part.frame;
      return '';
    }
    return part.frame;
  }

  /** The held terminal frame. */
  end(): string {
    const out = this.held;
    this.held = '';
    return out;
  }
}
