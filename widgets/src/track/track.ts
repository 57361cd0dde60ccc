import { defineElement } from '../shared/define.js';
import { OneTripTrack } from './track.element.js';

export { OneTripTrack };

defineElement('onetrip-track', OneTripTrack);

declare global {
  interface HTMLElementTagNameMap {
    'onetrip-track': OneTripTrack;
  }
}
