/** IPC channel names, shared by the IPC host and the preload (which must stay tiny: no imports). */
export const CALL_CHANNEL = 'region-sync:call';
export const EVENT_CHANNEL = 'region-sync:event';
