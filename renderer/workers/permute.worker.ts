/// <reference lib="webworker" />
// A permutation worker: all logic lives in shared/stats/permutation/session (tested in Node); this
// only wires messages. The page starts two of these with the same settings and a `range` each to
// use both cores; 'cancel' is seen between chunks (the session yields to the event loop there).
import { createPermutationSession, type PermRequest, type PermResponse } from '../../shared/stats/permutation';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const session = createPermutationSession((m: PermResponse) => scope.postMessage(m));
scope.onmessage = (e: MessageEvent<PermRequest>) => {
  void session.handle(e.data);
};
