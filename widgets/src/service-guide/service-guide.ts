import { defineElement } from '../shared/define.js';
import { OneTripServiceGuide } from './service-guide.element.js';

export { OneTripServiceGuide };

defineElement('onetrip-service-guide', OneTripServiceGuide);

declare global {
  interface HTMLElementTagNameMap {
    'onetrip-service-guide': OneTripServiceGuide;
  }
}
