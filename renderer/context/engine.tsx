import { createContext, useContext } from 'react';
import type { Engine } from '../engine/engine';

export const EngineContext = createContext<Engine | null>(null);

export function useEngine(): Engine {
  const e = useContext(EngineContext);
  if (!e) throw new Error('useEngine outside the app');
  return e;
}
