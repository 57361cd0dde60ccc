/**
 * The look every widget shares. Host pages theme it through the documented custom
 * properties (each with a fallback) and `::part`; nothing else of the host reaches in.
 */
import { css } from 'lit';

export const baseStyles = css`
  /*
   * A host page may reset every element (\`* { all: unset !important }\`) and the host
   * element inherits from the page. Inside a shadow tree an important :host declaration
   * beats the page's important ones, so the text the widgets need is declared important.
   */
  :host {
    display: block !important;
    box-sizing: border-box !important;
    color: var(--onetrip-text, #1f2328) !important;
    background: var(--onetrip-surface, #ffffff) !important;
    font-family: var(--onetrip-font, system-ui, -apple-system, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif) !important;
    font-size: var(--onetrip-font-size, 16px) !important;
    font-style: normal !important;
    font-weight: 400 !important;
    line-height: 1.6 !important;
    text-align: start !important;
    letter-spacing: normal !important;
    word-spacing: normal !important;
    text-transform: none !important;
    text-indent: 0 !important;
    text-shadow: none !important;
    font-variant: normal !important;
    white-space: normal !important;
    visibility: visible !important;
  }
  :host([hidden]) {
    display: none !important;
  }
  /* The room kept until the element shows what it loads (set per element by onetrip.js; a page may set its own). */
  :host(:state(loading):not([hidden])) {
    min-height: var(--onetrip-loading-height, 0px) !important;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  h2, h3 {
    line-height: 1.3;
    margin: 0 0 0.5em;
  }
  button {
    font: inherit;
    cursor: pointer;
    border-radius: var(--onetrip-radius, 4px);
    padding: 0.5em 1.2em;
    min-height: 44px;
    border: 2px solid var(--onetrip-accent, #1a5fb4);
    background: var(--onetrip-accent, #1a5fb4);
    color: var(--onetrip-on-accent, #ffffff);
  }
  button.secondary {
    background: transparent;
    color: var(--onetrip-accent, #1a5fb4);
  }
  button:disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }
  input, select, textarea {
    font: inherit;
    color: inherit;
    background: var(--onetrip-field-background, #ffffff);
    border: 2px solid var(--onetrip-border, #57606a);
    border-radius: var(--onetrip-radius, 4px);
    padding: 0.4em 0.6em;
    min-height: 44px;
    max-width: 100%;
  }
  :focus-visible {
    outline: 3px solid var(--onetrip-focus, #ffbf47);
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px !important;
    height: 1px !important;
    overflow: hidden !important;
    clip: rect(0 0 0 0) !important;
    clip-path: inset(50%) !important;
    white-space: nowrap !important;
  }
  .error-message {
    color: var(--onetrip-error, #b3261e);
    font-weight: 600;
  }
  /* Tables of the guide and the tracker: fees, materials, tasks. */
  table {
    border-collapse: collapse;
    width: 100%;
  }
  th,
  td {
    text-align: start;
    vertical-align: top;
    padding: 0.45em 0.6em;
    border-bottom: 1px solid var(--onetrip-border, #57606a);
  }
  thead th {
    background: var(--onetrip-panel, #f3f6f9);
  }
  /* A list of key facts (dt/dd pairs) in a grid; an element may override its layout. */
  .facts {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(11em, 1fr));
    gap: 0.5em 1em;
    margin: 0 0 1em;
  }
  .facts dt {
    font-size: 0.875em;
    color: var(--onetrip-muted, #57606a);
  }
  .facts dd {
    margin: 0;
    font-weight: 600;
  }
`;
