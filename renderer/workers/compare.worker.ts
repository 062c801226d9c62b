/// <reference lib="webworker" />
// The compare worker: all logic lives in shared/compare (tested in Node); this only wires messages.
import { handleCompareRequest, type CompareRequest } from '../../shared/compare';

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = (e: MessageEvent<CompareRequest>) => {
  handleCompareRequest(e.data, (message, transfer) => scope.postMessage(message, transfer ?? []));
};
