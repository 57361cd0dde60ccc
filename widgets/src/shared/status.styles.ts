/**
 * The status box the tracker and the fee ticket open with: the status in a few strong
 * words and what it means, on a panel with an accent bar. The bar turns to the error
 * colour when the applicant must act or the case ended badly (deficient, rejected), and to
 * the muted one when nothing is left to do (a cancelled ticket).
 */
import { css } from 'lit';

export const statusStyles = css`
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
  .status-deficient,
  .status-rejected {
    border-inline-start-color: var(--onetrip-error, #b3261e);
  }
  .status-cancelled {
    border-inline-start-color: var(--onetrip-muted, #57606a);
  }
`;
