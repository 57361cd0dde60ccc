import { defineElement } from '../shared/define.js';
import { OneTripApply } from './apply.element.js';

export { OneTripApply };

defineElement('onetrip-apply', OneTripApply);

declare global {
  interface HTMLElementTagNameMap {
    'onetrip-apply': OneTripApply;
  }
}
