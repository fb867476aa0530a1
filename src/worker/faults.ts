import * as tf from '@tensorflow/tfjs';
import type { BackendName } from '../core/backend';
import type { DebugAction, WorkerEvent } from './protocol';
import { BACKEND_ORDER } from './protocol';
import type { LabRun } from './run';

/** The parts of a GPUDevice the lab touches (no DOM WebGPU types in the worker build). */
interface DeviceLike {
  readonly lost?: Promise<{ readonly reason?: string; readonly message?: string }>;
  destroy?(): void;
}

/** The WebGPU device tfjs computes on, when the webgpu backend is active. */
export function gpuDevice(): DeviceLike | null {
  if (tf.getBackend() !== 'webgpu') return null;
  const b = tf.backend() as unknown as { device?: DeviceLike };
  return b.device ?? null;
}

const watched = new WeakSet<object>();

/** Calls `onLost` once if the active WebGPU device is lost (driver reset, tab in background, destroy). */
export function watchDeviceLoss(onLost: (reason: string) => void): void {
  const d = gpuDevice();
  if (!d?.lost || watched.has(d)) return;
  watched.add(d);
  void d.lost.then((info) =>
    onLost(
      `the WebGPU device was lost (${(info.message || info.reason || 'no reason given').replace(/\.$/, '')})`,
    ),
  );
}

/** The backends to try after `failed` stopped working mid-run, in the lab's order. */
export function backendsAfter(failed: string): BackendName[] {
  const i = (BACKEND_ORDER as readonly string[]).indexOf(failed);
  return i < 0 ? [] : BACKEND_ORDER.slice(i + 1);
}

/** Answers a test hook: destroys the device or arms a failing step, then reports tf.memory(). */
export function debugCommand(action: DebugAction, run: LabRun | null): WorkerEvent {
  if (action === 'loseDevice') gpuDevice()?.destroy?.();
  if (action === 'failNextStep' && run) run.failNextStep = true;
  const m = tf.memory();
  return {
    type: 'debugInfo',
    action,
    backend: tf.getBackend(),
    numTensors: m.numTensors,
    numBytes: m.numBytes,
    step: run?.step ?? null,
  };
}
