/// <reference lib="webworker" />
import '../../core/noEval';
import { UploadService } from './service';
import type { UploadCommand, UploadEvent } from './protocol';

// The upload worker: parsing (papaparse, zip, image decoding on OffscreenCanvas) and IndexedDB,
// off the page's thread and away from the training worker, whose run goes on meanwhile.
const scope = self as unknown as DedicatedWorkerGlobalScope;
let service: UploadService | null = null;

function post(ev: UploadEvent, transfer: Transferable[] = []): void {
  scope.postMessage(ev, transfer);
}

scope.onmessage = (e: MessageEvent<UploadCommand>) => {
  const cmd = e.data;
  if (!service && cmd.type === 'init') {
    const base = new URL(`${cmd.baseUrl}datasets/`, self.location.href);
    service = new UploadService({
      post,
      indexedDB: (self as { indexedDB?: IDBFactory }).indexedDB,
      example: async (path) => {
        const res = await fetch(new URL(path, base));
        if (!res.ok) throw new Error(`could not load the example ${path}: HTTP ${res.status}`);
        return new Uint8Array(await res.arrayBuffer());
      },
    });
  }
  service?.handle(cmd);
};

scope.onunhandledrejection = (e: PromiseRejectionEvent) => {
  e.preventDefault();
  const r: unknown = e.reason;
  const message = `The upload worker failed: ${r instanceof Error ? r.message : String(r)}`;
  post({ type: 'failed', message });
};
