import { css } from 'lit';

export const feeTicketStyles = css`
  .title,
  .subtitle {
    line-height: 1.3;
    margin: 0 0 0.5em;
  }
  .title {
    font-size: 1.35em;
  }
  .subtitle {
    font-size: 1.1em;
    margin-top: 1.25em;
  }
  .status {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em 0.75em;
    align-items: baseline;
    padding: 0.6em 0.9em;
    margin: 0 0 1em;
    border-inline-start: 6px solid var(--onetrip-accent, #1a5fb4);
    background: var(--onetrip-panel, #f3f6f9);
  }
  .status strong {
    font-size: 1.1em;
  }
  .status-cancelled {
    border-inline-start-color: var(--onetrip-muted, #57606a);
  }
  .scroll {
    overflow-x: auto;
  }
  caption {
    text-align: start;
    font-weight: 600;
    padding: 0 0 0.4em;
  }
  th,
  td {
    hyphens: auto;
  }
  .amount {
    text-align: end;
    white-space: nowrap;
    font-variant-numeric: tabular-nums;
  }
  tbody th[scope='rowgroup'] {
    background: var(--onetrip-panel, #f3f6f9);
  }
  .subtotal th,
  .subtotal td,
  tfoot th,
  tfoot td {
    font-weight: 600;
  }
  tfoot th,
  tfoot td {
    border-bottom-width: 3px;
    font-size: 1.1em;
  }
  .muted,
  .basis {
    color: var(--onetrip-muted, #57606a);
    font-size: 0.875em;
  }
  .computation {
    display: block;
  }
  .pay {
    display: grid;
    gap: 0.5em;
    justify-items: start;
    margin: 1em 0;
  }
  .note {
    margin: 0;
    font-weight: 600;
  }
  .error-message {
    margin: 0;
  }
  .error-message:focus {
    outline: none;
  }
  .error-message:focus-visible {
    outline: 3px solid var(--onetrip-focus, #ffbf47);
  }
`;
