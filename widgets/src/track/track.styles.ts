import { css } from 'lit';

export const trackStyles = css`
  h2 {
    font-size: 1.35em;
  }
  h3 {
    font-size: 1.1em;
    margin-top: 1.25em;
  }
  h4 {
    font-size: 1em;
    margin: 0.75em 0 0;
  }
  h2[tabindex='-1']:focus {
    outline: none;
  }
  h2[tabindex='-1']:focus-visible {
    outline: 3px solid var(--onetrip-focus, #ffbf47);
  }
  .lookup {
    display: grid;
    gap: 0.75em;
    justify-items: start;
    margin-bottom: 1.5em;
  }
  .field {
    display: grid;
    gap: 0.2em;
    width: 100%;
    max-width: 28em;
  }
  label {
    font-weight: 600;
  }
  .hint,
  .muted {
    color: var(--onetrip-muted, #57606a);
    margin: 0;
    font-size: 0.875em;
  }
  .error-message {
    margin: 0;
  }
  input[aria-invalid='true'],
  textarea[aria-invalid='true'] {
    border-color: var(--onetrip-error, #b3261e);
    border-width: 3px;
  }
  input[type='file'] {
    padding: 0.35em;
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
  .status-deficient,
  .status-rejected {
    border-inline-start-color: var(--onetrip-error, #b3261e);
  }
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
  .notice {
    border: 2px solid var(--onetrip-error, #b3261e);
    border-radius: var(--onetrip-radius, 4px);
    padding: 0 1em 0.75em;
    margin-bottom: 1em;
  }
  .applicant-update {
    display: grid;
    gap: 0.75em;
    justify-items: start;
    padding: 0 1em 1em;
    background: var(--onetrip-panel, #f3f6f9);
    border-radius: var(--onetrip-radius, 4px);
  }
  .applicant-update textarea {
    width: 100%;
  }
  ol,
  ul {
    margin: 0.25em 0;
    padding-inline-start: 1.5em;
  }
  .timeline time {
    display: inline-block;
    min-width: 11em;
    color: var(--onetrip-muted, #57606a);
  }
  .confirmation {
    font-weight: 600;
  }
`;
