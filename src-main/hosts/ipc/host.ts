/**
 * The Electron IPC host: one invoke channel serving the whole API table, one push channel for
 * events. Electron is not imported here: the shell passes ipcMain in, and the structural types
 * below are all this file needs (so it type-checks and tests without the Electron binary).
 */
import { appError } from '../../core/errors';
import { isOperationName } from '../../api/dispatch';
import type { ServedApi } from '../http/server';

import { CALL_CHANNEL, EVENT_CHANNEL } from './channels';

export { CALL_CHANNEL, EVENT_CHANNEL };

export interface WebContentsLike {
  readonly id: number;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

export interface InvokeEventLike {
  readonly sender: { readonly id: number };
  readonly senderFrame?: { readonly url: string } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface IpcAllowance {
  /** The windows that may call (and receive events). */
  webContents(): Iterable<WebContentsLike>;
  /** True for our own renderer's URL (file://…/dist/renderer/index.html); anything else is refused. */
  isAppUrl(url: string): boolean;
}

export function registerIpcHost(ipcMain: IpcMainLike, api: ServedApi, allowed: IpcAllowance): () => void {
  ipcMain.handle(CALL_CHANNEL, async (event, op, params) => {
    const trustedSender = [...allowed.webContents()].some((wc) => wc.id === event.sender.id);
    const frameUrl = event.senderFrame?.url;
    if (!trustedSender || typeof frameUrl !== 'string' || !allowed.isAppUrl(frameUrl))
      return { ok: false, error: appError('FORBIDDEN_ORIGIN', 'Calls are only accepted from the app’s own window.') };
    if (!isOperationName(op)) return { ok: false, error: appError('INVALID_INPUT', `Unknown operation "${String(op).slice(0, 100)}".`) };
    return api.callUnchecked(op, params);
  });
  const unsubscribe = api.onEvent((e) => {
    for (const wc of allowed.webContents()) if (!wc.isDestroyed()) wc.send(EVENT_CHANNEL, e);
  });
  return () => {
    unsubscribe();
    ipcMain.removeHandler(CALL_CHANNEL);
  };
}
