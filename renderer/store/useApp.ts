/** React binding for the app store. The store instance is provided once by main.tsx. */
import { useStore } from 'zustand';
import type { AppState } from './types';
import type { AppStore } from './store';

let appStore: AppStore | null = null;

export function provideStore(store: AppStore): void {
  appStore = store;
}

export function getStore(): AppStore {
  if (!appStore) throw new Error('The app store has not been created yet');
  return appStore;
}

export function useApp<T>(selector: (s: AppState) => T): T {
  return useStore(getStore(), selector);
}
