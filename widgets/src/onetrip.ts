/**
 * The citizen bundle: one `<script type="module" src=".../onetrip.js">` registers every
 * OneTrip element. Loading it twice is harmless.
 *
 * The verification element is imported statically too, though few pages show it: as a
 * chunk loaded on demand it split the code it shares with the others (Lit, the shared
 * element, the API client) into more chunks, which cost the script tag as much gzip as
 * the element itself (1.7 KB against 1.9 KB) and the whole bundle 3 KB more.
 */
import './service-guide/service-guide.js';
import './apply/apply.js';
import './track/track.js';
import './fee-ticket/fee-ticket.js';
import './verify/verify.js';
export {};
