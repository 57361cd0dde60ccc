/**
 * The citizen script: one `<script type="module" src=".../onetrip.js">` registers every
 * OneTrip element. It is only a loader: each element's code (and Lit, and what the elements
 * share) is fetched when its tag is first on the page, at load or added later, so a page
 * with a service guide does not download the form, nor the tracker's case view. Loading it
 * twice is harmless: the modules it imports are the same files, run once.
 */
const ELEMENTS: Record<string, () => Promise<unknown>> = {
  'onetrip-service-guide': () => import('./service-guide/service-guide.js'),
  'onetrip-apply': () => import('./apply/apply.js'),
  'onetrip-track': () => import('./track/track.js'),
  'onetrip-fee-ticket': () => import('./fee-ticket/fee-ticket.js'),
  'onetrip-verify': () => import('./verify/verify.js'),
};

/**
 * The room each element keeps until it shows what it loads, so the page does not jump as
 * the widgets appear: about the height of a typical first view (the form's step 1, a
 * guide), at most a screen (below a screen nothing is seen to move). A page may set
 * `--onetrip-loading-height` on the element to fit its own layout; `:where` leaves the
 * page's rule the stronger. While the element's code loads (not yet defined) this sheet keeps
 * the room; once defined, its own style does until its content is drawn (styles.ts).
 */
const ROOM: Record<string, string> = {
  'onetrip-service-guide': 'min(100vh, 1000px)',
  'onetrip-apply': 'min(100vh, 970px)',
  'onetrip-track': '456px',
  'onetrip-fee-ticket': 'min(100vh, 640px)',
  'onetrip-verify': '544px',
};

function keepRoom(): void {
  const tags = Object.keys(ROOM).join(',');
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(
    `${Object.entries(ROOM).map(([tag, height]) => `:where(${tag}){--onetrip-loading-height:${height}}`).join('')}` +
      `:where(${tags}):not(:defined){display:block!important;min-height:var(--onetrip-loading-height)!important}`,
  );
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}

keepRoom();
/**
 * Per element, the files of its first view and every chunk they import (relative to this
 * file), written in by the build (scripts/build-widgets.ts FIRST_VIEW): all are fetched at
 * once, rather than each import level after the one before.
 */
declare const ONETRIP_FIRST_VIEW: string;
const FIRST_VIEW = JSON.parse(ONETRIP_FIRST_VIEW) as Record<string, string[]>;

const waiting = new Set(Object.keys(ELEMENTS));

/** Loads the elements whose tags are in `root` (itself included) and not asked for yet. */
function loadFor(root: Element | Document): void {
  for (const tag of waiting) {
    if ((root instanceof Element && root.localName === tag) || root.querySelector(tag)) {
      waiting.delete(tag);
      for (const file of FIRST_VIEW[tag] ?? []) void import(new URL(file, import.meta.url).href);
      void ELEMENTS[tag]!();
    }
  }
}

loadFor(document);
if (waiting.size) {
  const observer = new MutationObserver((records) => {
    for (const record of records) for (const node of record.addedNodes) if (node instanceof Element) loadFor(node);
    if (!waiting.size) observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true });
}
export {};
