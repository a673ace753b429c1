export { registerIpcHost, CALL_CHANNEL, EVENT_CHANNEL, type IpcMainLike, type IpcAllowance, type WebContentsLike, type InvokeEventLike } from './host';
