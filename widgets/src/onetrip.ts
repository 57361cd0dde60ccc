/**
 * The citizen bundle: one `<script type="module" src=".../onetrip.js">` registers every
 * OneTrip element. Loading it twice is harmless.
 */
export {};
