/**
 * Lets queued messages (Pause, Step, hover queries) run between training steps. On cpu and wasm an
 * awaited `data()` resolves as a microtask, so a loop of awaits never reaches the message queue,
 * and `setTimeout(0)` is clamped to 4 ms; a MessageChannel round trip is a real task with no clamp.
 */
let channel: MessageChannel | null = null;
const waiting: (() => void)[] = [];

export function yieldToEvents(): Promise<void> {
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => waiting.shift()?.();
    // In Node (unit tests) an open port would keep the process alive.
    (channel.port1 as MessagePort & { unref?: () => void }).unref?.();
    (channel.port2 as MessagePort & { unref?: () => void }).unref?.();
  }
  const ch = channel;
  return new Promise((resolve) => {
    waiting.push(resolve);
    ch.port2.postMessage(null);
  });
}

/** A sleep that `wake()` ends early (Pause, Step and Reset must not wait out a slow-motion delay). */
export class Sleeper {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private done: (() => void) | null = null;

  sleep(ms: number): Promise<void> {
    this.wake();
    return new Promise((resolve) => {
      this.done = resolve;
      this.timer = setTimeout(() => this.wake(), ms);
    });
  }

  wake(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const d = this.done;
    this.done = null;
    d?.();
  }
}
