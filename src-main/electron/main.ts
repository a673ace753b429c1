/**
 * The Electron shell: one hardened window showing the built renderer from file://, talking to the
 * service over one validated IPC channel. Everything else (service, providers, keychain) is the
 * same composition the CLI uses.
 */
import { app, BrowserWindow, ipcMain, Menu } from 'electron';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createApi } from '../api/dispatch';
import { createNodeDeps } from '../composition/node-deps';
import { registerIpcHost } from '../hosts/ipc/host';
import { hardenSession, hardenWebContents } from './security';

const appRoot = app.getAppPath();
const rendererIndex = path.join(appRoot, 'dist', 'renderer', 'index.html');
const preload = path.join(appRoot, 'dist', 'electron', 'preload.cjs');
const rendererUrl = pathToFileURL(rendererIndex).href;

/** Our page only: the same file, whatever the fragment or query. */
function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'file:' && fileURLToPath(u) === rendererIndex;
  } catch {
    return false;
  }
}

function workspaceArg(argv: string[]): string | undefined {
  const i = argv.indexOf('--workspace');
  return i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--workspace='))?.slice('--workspace='.length);
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    title: 'Region Sync',
    show: false,
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(rendererUrl);
  return win;
}

function minimalMenu(): void {
  const template: Electron.MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : [{ label: 'File', submenu: [{ role: 'quit' as const }] }]),
    { role: 'editMenu' },
    { label: 'View', submenu: [{ role: 'reload' }, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }] },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

app.enableSandbox();
hardenWebContents(isAppUrl);

void app.whenReady().then(() => {
  hardenSession();
  minimalMenu();
  const demoSource = app.isPackaged ? path.join(process.resourcesPath, 'demo') : path.join(appRoot, 'resources', 'demo');
  const api = createApi(createNodeDeps({ workspace: workspaceArg(process.argv), demoSource }));
  registerIpcHost(ipcMain, api, {
    webContents: () => BrowserWindow.getAllWindows().map((w) => w.webContents),
    isAppUrl,
  });
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
