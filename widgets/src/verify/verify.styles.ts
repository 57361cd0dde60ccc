/** The verification widget's own look: the code form, the verdict's colour, the fingerprint that may not fit a phone's width. */
import { css } from 'lit';

export const verifyStyles = css`
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
  h2[tabindex='-1']:focus {
    outline: none;
  }
  h2[tabindex='-1']:focus-visible {
    outline: 3px solid var(--onetrip-focus, #ffbf47);
  }
  .status-revoked,
  .status-not-current,
  .status-not-issued,
  .status-unknown {
    border-inline-start-color: var(--onetrip-error, #b3261e);
  }
  .reason {
    margin: 0 0 1em;
  }
  .fingerprint p {
    margin: 0;
  }
  .code {
    display: block;
    font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', monospace;
    overflow-wrap: anywhere;
    margin: 0.2em 0;
  }
`;
