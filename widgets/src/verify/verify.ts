import { defineElement } from '../shared/define.js';
import { OneTripVerify } from './verify.element.js';

export { OneTripVerify };

defineElement('onetrip-verify', OneTripVerify);

declare global {
  interface HTMLElementTagNameMap {
    'onetrip-verify': OneTripVerify;
  }
}
