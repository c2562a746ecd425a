// The one preload: exposes the domain API as window.porthole; ipcRenderer itself never reaches the page.
import { contextBridge, ipcRenderer } from 'electron';
import { createPortholeApi } from '../shared/api.js';
import { ipcInvoke, ipcSubscribe } from './ipc-transport.js';

export type { PortholeApi } from '../shared/api.js';

contextBridge.exposeInMainWorld(
  'porthole',
  createPortholeApi(ipcInvoke(ipcRenderer), ipcSubscribe(ipcRenderer)),
);
