import { useLab } from '../../state/store';
import { connectUploadPort } from '../../state/uploadPort';
import type { UploadCommand, UploadEvent } from './protocol';

let worker: Worker | null = null;

/**
 * Starts the upload worker (parsing and IndexedDB off the page's thread) and wires it to the
 * store. Cancelling a parse replaces the worker: a parse cannot be interrupted from outside.
 */
export function startUploadWorker(): void {
  if (worker) return;
  const baseUrl = new URL(import.meta.env.BASE_URL, document.baseURI).href;
  const start = () => {
    const w = new Worker(new URL('./parse.worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (e: MessageEvent<UploadEvent>) => useLab.getState().receiveUpload(e.data);
    w.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      const message = `The upload worker stopped: ${e.message || 'it could not load'}. Reload the page to upload again.`;
      useLab.getState().receiveUpload({ type: 'failed', message });
    };
    w.onmessageerror = () =>
      useLab.getState().receiveUpload({
        type: 'failed',
        message: 'A message from the upload worker could not be read.',
      });
    w.postMessage({ type: 'init', baseUrl } satisfies UploadCommand);
    return w;
  };
  worker = start();
  connectUploadPort({
    send: (cmd) => worker?.postMessage(cmd),
    cancel: () => {
      worker?.terminate();
      worker = start();
    },
  });
}
