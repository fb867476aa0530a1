import type { Command } from '../worker/protocol';

/** Where the store's intents go: the worker client in the app, a recorder in tests. */
export interface Port {
  send(cmd: Command): void;
}

let port: Port | null = null;
const queued: Command[] = [];

/** Connects the store to a worker; commands sent before this are delivered now, in order. */
export function connectPort(p: Port | null): void {
  port = p;
  if (p) for (const cmd of queued.splice(0)) p.send(cmd);
}

export function send(cmd: Command): void {
  if (port) port.send(cmd);
  else queued.push(cmd);
}
