/** The form's own look: the step indicator, fields and their errors, uploads, the review and the receipt. */
import { css } from 'lit';

export const applyStyles = css`
  .caption {
    color: var(--onetrip-muted, #57606a);
    margin: 0 0 0.25em;
  }
  .steps {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em 1em;
    list-style: none;
    padding: 0;
    margin: 0 0 1.5em;
    counter-reset: none;
  }
  .steps li {
    display: flex;
    align-items: center;
    gap: 0.4em;
    color: var(--onetrip-muted, #57606a);
    padding-bottom: 0.2em;
    border-bottom: 4px solid transparent;
  }
  .steps .num {
    display: inline-grid;
    place-items: center;
    width: 1.8em;
    height: 1.8em;
    border-radius: 50%;
    border: 2px solid currentColor;
    font-weight: 600;
  }
  .steps .current {
    color: var(--onetrip-text, #1f2328);
    font-weight: 700;
    border-bottom-color: var(--onetrip-accent, #1a5fb4);
  }
  .steps .done .num {
    background: var(--onetrip-accent, #1a5fb4);
    border-color: var(--onetrip-accent, #1a5fb4);
    color: var(--onetrip-on-accent, #ffffff);
  }
  h2:focus,
  [tabindex='-1']:focus {
    outline: 3px solid var(--onetrip-focus, #ffbf47);
    outline-offset: 2px;
  }
  input[type='file'] {
    display: block;
    border-style: dashed;
    width: 100%;
  }
  progress {
    width: 100%;
    height: 1em;
    accent-color: var(--onetrip-accent, #1a5fb4);
  }
  .uploaded,
  .reused {
    margin: 0 0 0.25em;
  }
  .reused {
    border-inline-start: 4px solid var(--onetrip-accent, #1a5fb4);
    padding-inline-start: 0.75em;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 1em;
    margin-top: 2em;
  }
  /* How a line was counted, under its name, as on the ticket. */
  .fee-estimate .fee-basis {
    display: block;
    margin: 0;
  }
  .fee-estimate .amount {
    text-align: end;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  button.link {
    background: none;
    border: 0;
    padding: 0.25em 0;
    min-height: 44px;
    color: var(--onetrip-link, #1a5fb4);
    text-decoration: underline;
  }
  .draft {
    margin-top: 1.5em;
    padding-top: 1em;
    border-top: 1px solid var(--onetrip-panel-border, #b1b4b6);
  }
  .confirm {
    border: 4px solid var(--onetrip-error, #b3261e);
    padding: 1em;
  }
  .confirm .actions {
    margin-top: 1em;
  }
  button.danger {
    background: var(--onetrip-error, #b3261e);
    border-color: var(--onetrip-error, #b3261e);
    color: #ffffff;
  }
  .notice {
    border-inline-start: 4px solid var(--onetrip-error, #b3261e);
    padding: 0.5em 1em;
    margin: 1em 0;
  }
  .review-section {
    margin-bottom: 2em;
  }
  .review-head {
    display: flex;
    justify-content: space-between;
    align-items: baseline;
    gap: 1em;
    border-bottom: 1px solid var(--onetrip-panel-border, #b1b4b6);
  }
  dl {
    display: grid;
    grid-template-columns: minmax(8em, 1fr) 2fr;
    gap: 0.4em 1em;
    margin: 0.75em 0;
  }
  dt {
    font-weight: 600;
  }
  dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .receipt .panel {
    background: var(--onetrip-accent, #1a5fb4);
    color: var(--onetrip-on-accent, #ffffff);
    padding: 1.5em;
    text-align: center;
    margin-bottom: 1.5em;
  }
  .receipt .panel h2 {
    font-size: 1.75em;
  }
  .receipt .big {
    font-size: 1.5em;
    font-weight: 700;
    letter-spacing: 0.05em;
    margin: 0;
  }
  .receipt .panel p {
    margin: 0;
  }
  .receipt dd.code {
    font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    font-size: 1.15em;
    font-weight: 700;
  }
  .bundle-panel,
  .library-panel {
    border: 1px solid var(--onetrip-panel-border, #b1b4b6);
    border-inline-start: 4px solid var(--onetrip-accent, #1a5fb4);
    padding: 0.75em 1em;
    margin: 0 0 1.5em;
  }
  .bundle-panel h2 {
    font-size: 1.15em;
    margin: 0 0 0.5em;
  }
  .bundle-panel p,
  .bundle-stages {
    margin: 0.25em 0;
  }
  .form-section {
    margin: 0 0 2em;
  }
  .library-panel h3 {
    font-size: 1.1em;
    margin: 0 0 0.5em;
  }
  .library-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 1em;
    align-items: center;
  }
  .form-section > h3 {
    border-bottom: 1px solid var(--onetrip-panel-border, #b1b4b6);
    padding-bottom: 0.25em;
    margin-bottom: 0.25em;
  }
`;
