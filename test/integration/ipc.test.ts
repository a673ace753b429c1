/**
 * The IPC host without Electron: a stand-in ipcMain records the handler, and calls are made the
 * way Electron would (event.sender / event.senderFrame). Only our window and page may call.
 */
import { describe, expect, it } from 'vitest';
import type { Api } from '../../src-main/api/dispatch';
import type { ApiEvent } from '../../src-main/api/contract';
import { CALL_CHANNEL, EVENT_CHANNEL, registerIpcHost, type InvokeEventLike, type IpcMainLike } from '../../src-main/hosts/ipc';

const APP_URL = 'file:///opt/region-sync/dist/renderer/index.html';

function setup() {
  const handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => unknown>();
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => void handlers.set(channel, listener),
    removeHandler: (channel) => void handlers.delete(channel),
  };
  const calls: [string, unknown][] = [];
  const listeners = new Set<(e: ApiEvent) => void>();
  const api: Pick<Api, 'callUnchecked' | 'onEvent'> = {
    callUnchecked: async (op, params) => {
      calls.push([op, params]);
      return { ok: true, value: { echoed: op } } as never;
    },
    onEvent: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  const sent: [string, unknown][] = [];
  const window = { id: 7, send: (channel: string, payload: unknown) => void sent.push([channel, payload]), isDestroyed: () => false };
  const dispose = registerIpcHost(ipcMain, api, { webContents: () => [window], isAppUrl: (u) => u.split('#')[0] === APP_URL });
  const invoke = (event: InvokeEventLike, op: unknown, params: unknown) => handlers.get(CALL_CHANNEL)!(event, op, params);
  return { handlers, calls, listeners, sent, dispose, invoke };
}

describe('ipc host', () => {
  it('serves calls from our window and page', async () => {
    const { invoke, calls } = setup();
    const r = await invoke({ sender: { id: 7 }, senderFrame: { url: `${APP_URL}#/drift` } }, 'workspace.get', {});
    expect(r).toEqual({ ok: true, value: { echoed: 'workspace.get' } });
    expect(calls).toEqual([['workspace.get', {}]]);
  });

  it('refuses other windows, other pages and unknown operations without calling the api', async () => {
    const { invoke, calls } = setup();
    expect(await invoke({ sender: { id: 8 }, senderFrame: { url: APP_URL } }, 'workspace.get', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ORIGIN' } });
    expect(await invoke({ sender: { id: 7 }, senderFrame: { url: 'https://evil.example/' } }, 'workspace.get', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ORIGIN' } });
    expect(await invoke({ sender: { id: 7 }, senderFrame: null }, 'workspace.get', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ORIGIN' } });
    expect(await invoke({ sender: { id: 7 }, senderFrame: { url: APP_URL } }, 'fs.readFile', {})).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await invoke({ sender: { id: 7 }, senderFrame: { url: APP_URL } }, { toString: () => 'x' }, {})).toMatchObject({ ok: false });
    expect(calls).toEqual([]);
  });

  it('pushes api events to the window, and stops after dispose', () => {
    const { listeners, sent, dispose, handlers } = setup();
    for (const l of listeners) l({ type: 'snapshot-updated', region: 'us' });
    expect(sent).toEqual([[EVENT_CHANNEL, { type: 'snapshot-updated', region: 'us' }]]);
    dispose();
    expect(listeners.size).toBe(0);
    expect(handlers.has(CALL_CHANNEL)).toBe(false);
  });
});
