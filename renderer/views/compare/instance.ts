/** The one compare controller of the app (created on first use of the compare workspace). */
import { getStore } from '../../store/useApp';
import { CompareController } from './compareController';

let instance: CompareController | null = null;

export function compareController(): CompareController {
  if (!instance) {
    instance = new CompareController(getStore());
    // e2e tests read the display maps through it (as the panes do); nothing in the app uses this.
    (globalThis as unknown as { contrastscope_compare?: CompareController }).contrastscope_compare = instance;
  }
  return instance;
}
