import type { UploadCommand } from '../worker/upload/protocol';

/** Where the upload slice's commands go: the upload worker in the app, a recorder in tests. */
export interface UploadPort {
  send(cmd: UploadCommand): void;
  /** Stops the parse in flight (the worker is replaced; saved uploads are not touched). */
  cancel(): void;
}

let port: UploadPort | null = null;
const queued: UploadCommand[] = [];

/** Connects the store to the upload worker; commands sent before this are delivered now. */
export function connectUploadPort(p: UploadPort | null): void {
  port = p;
  if (p) for (const cmd of queued.splice(0)) p.send(cmd);
}

export function sendUpload(cmd: UploadCommand): void {
  if (port) port.send(cmd);
  else queued.push(cmd);
}

export function cancelUploadWork(): void {
  if (port) port.cancel();
  else queued.splice(0, queued.length, ...queued.filter((c) => c.type !== 'parse'));
}
