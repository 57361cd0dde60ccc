/** The fee ticket's own look: its headings, the fees table with subtotals and total, the pay block. */
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
  .methods {
    border: 1px solid var(--onetrip-border, #57606a);
    border-radius: var(--onetrip-radius, 4px);
    margin: 0;
    padding: 0.5em 1em;
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em 1.5em;
  }
  .methods label {
    display: inline-flex;
    align-items: center;
    gap: 0.4em;
  }
  .qr {
    margin: 0;
    display: grid;
    gap: 0.5em;
    justify-items: start;
  }
  .qr img {
    background: #ffffff;
  }
  .qr:focus-visible {
    outline: 3px solid var(--onetrip-focus, #ffbf47);
  }
  .receipt {
    margin: 1em 0;
  }
  .receipt a {
    color: var(--onetrip-link, var(--onetrip-accent, #1a5fb4));
    font-weight: 600;
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
