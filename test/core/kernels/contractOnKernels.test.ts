// The pruning contract suite (test/core/pruning/contract.test.ts) again, with the trainer's step
// in our wasm kernels wherever they apply (methods that read gradients stay on tfjs).
import { afterAll } from 'vitest';
import { useMlpKernels } from '../../../src/core/kernels/fastStep';
import { loadMlpModule } from '../../../src/node/kernels';

useMlpKernels(loadMlpModule());
afterAll(() => useMlpKernels(null));
await import('../pruning/contract.test');
