// Runs sandboxed with context isolation; bundled to out/preload/index.cjs.
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge';

contextBridge.exposeInMainWorld('contrastscope', createBridge(ipcRenderer));
