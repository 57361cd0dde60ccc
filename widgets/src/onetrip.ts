/**
 * The citizen bundle: one `<script type="module" src=".../onetrip.js">` registers every
 * OneTrip element. Loading it twice is harmless.
 */
import './service-guide/service-guide.js';
import './apply/apply.js';
import './track/track.js';
import './fee-ticket/fee-ticket.js';
export {};
