/**
 * The preload runs sandboxed: it may only require('electron'). It exposes exactly the API client
 * (`window.api.call` / `window.api.onEvent`) and nothing of ipcRenderer itself, so a compromised
 * page can call the contract's operations (validated in main) and nothing else.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CALL_CHANNEL, EVENT_CHANNEL } from '../hosts/ipc/channels';

contextBridge.exposeInMainWorld('api', {
  call: (op: string, params: unknown) => ipcRenderer.invoke(CALL_CHANNEL, String(op), params),
  onEvent(listener: (e: unknown) => void): () => void {
    if (typeof listener !== 'function') throw new TypeError('onEvent needs a function');
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => void ipcRenderer.removeListener(EVENT_CHANNEL, forward);
  },
});
