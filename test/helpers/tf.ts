import type * as tf from '@tensorflow/tfjs';
import { useBackend } from '../../src/core/backend';
import type { BackendName } from '../../src/core/backend';

/** Switches tfjs to a Node backend for a test file (cpu by default). */
export async function backend(name: BackendName = 'cpu'): Promise<void> {
  if (!(await useBackend(name))) throw new Error(`backend ${name} did not start`);
}

/** Reads a tensor as a plain array. */
export function arr(t: tf.Tensor): number[] {
  return Array.from(t.dataSync());
}
