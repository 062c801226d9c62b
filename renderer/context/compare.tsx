/** The compare client (engine/compareClient.ts), made once in main.tsx. Views subscribe to its display maps. */
import { createContext, useContext } from 'react';
import type { CompareClient } from '../engine/compareClient';

export type { CompareClient };
export const CompareContext = createContext<CompareClient | null>(null);

export function useCompareClient(): CompareClient {
  const c = useContext(CompareContext);
  if (!c) throw new Error('useCompareClient outside the app');
  return c;
}
