/** The look of a short lookup form (a code or two, a button) that the tracker and the verification widget share. */
import { css } from 'lit';

export const lookupStyles = css`
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
  .hint {
    color: var(--onetrip-muted, #57606a);
    margin: 0;
    font-size: 0.875em;
  }
  .error-message {
    margin: 0;
  }
  input[aria-invalid='true'] {
    border-color: var(--onetrip-error, #b3261e);
    border-width: 3px;
  }
`;
