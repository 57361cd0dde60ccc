/** The verification widget's own look (its code form is shared/lookup.styles.ts): the verdict's colour, the fingerprint that may not fit a phone's width. */
import { css } from 'lit';

export const verifyStyles = css`
  h2[tabindex='-1']:focus,
  h3[tabindex='-1']:focus {
    outline: none;
  }
  .file-form {
    margin-top: 2em;
  }
  h2[tabindex='-1']:focus-visible,
  h3[tabindex='-1']:focus-visible {
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
