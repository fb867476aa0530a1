import type { CompareEvent } from './compareProtocol';
import type { TrainingLoop } from './loop';

/** Progress of an analysis goes out at most this often. */
const PROGRESS_MS = 100;

/**
 * Per-layer sensitivity of the live run's network as it is, between two of its steps (the run
 * pauses first): progress at most ten a second, then the result, or why there is none.
 */
export async function analyseSensitivity(
  id: number,
  loop: TrainingLoop | null,
  post: (ev: CompareEvent) => void,
): Promise<void> {
  if (!loop) {
    post({ type: 'sensitivityError', id, message: 'no run is built yet' });
    return;
  }
  let last = 0;
  try {
    const { result, at } = await loop.exclusive(() =>
      loop.run.sensitivity((done, total) => {
        const now = performance.now();
        if (now - last < PROGRESS_MS && done < total) return;
        last = now;
        post({ type: 'sensitivityProgress', id, done, total });
      }),
    );
    post({ type: 'sensitivityResult', id, result, at });
  } catch (e) {
    post({ type: 'sensitivityError', id, message: e instanceof Error ? e.message : String(e) });
  }
}
