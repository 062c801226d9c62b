/** The one compare controller of the app (created on first use of the compare workspace). */
import { getStore } from '../../store/useApp';
import { CompareController } from './compareController';

let instance: CompareController | null = null;

export function compareController(): CompareController {
  instance ??= new CompareController(getStore());
  return instance;
}
