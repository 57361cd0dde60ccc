/**
 * The workbench's entry script (`/staff/workbench.js`): registers `<onetrip-workbench>`.
 * Each view is a chunk of its own, loaded when first opened (routes.ts).
 */
import { OneTripWorkbench } from './app.element.js';

if (!customElements.get('onetrip-workbench')) customElements.define('onetrip-workbench', OneTripWorkbench);

declare global {
  interface HTMLElementTagNameMap {
    'onetrip-workbench': OneTripWorkbench;
  }
}
