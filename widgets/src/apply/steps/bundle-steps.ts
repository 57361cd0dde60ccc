/**
 * A bundle's own parts of the form, its situation questions and its panel (departments and
 * savings): loaded only for a bundle, with flow.ts (apply.element.ts), so an item's form
 * does not download them.
 */
export { renderBundlePanel } from './bundle.js';
export { renderSituations } from './situations.js';
