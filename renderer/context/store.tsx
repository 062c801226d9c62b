/** React binding for the app store. The store is made once in main.tsx and provided here. */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { AppState, AppStore } from '../store';

export const StoreContext = createContext<AppStore | null>(null);

/** The store itself, for event handlers that read or act on the state at the time of the event. */
export function useAppStore(): AppStore {
  const s = useContext(StoreContext);
  if (!s) throw new Error('useAppStore outside the app');
  return s;
}

/** Re-renders when `selector`'s result changes. */
export function useApp<T>(selector: (s: AppState) => T): T {
  return useStore(useAppStore(), selector);
}
