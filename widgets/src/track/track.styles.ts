/**
 * The tracker's own look: the lookup form, the deficiency notice and the applicant's
 * update forms, the results' cards and the courier's progress.
 */
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
  .muted {
    color: var(--onetrip-muted, #57606a);
    margin: 0;
    font-size: 0.875em;
  }
  textarea[aria-invalid='true'] {
    border-color: var(--onetrip-error, #b3261e);
    border-width: 3px;
  }
  input[type='file'] {
    padding: 0.35em;
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
  /* Fields take the form's width, as in the apply form: a long address must not be cut off. */
  .applicant-update .flagged-fields,
  .applicant-update .field {
    width: 100%;
    max-width: none;
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
  .documents {
    padding-inline-start: 1.25em;
  }
  .documents li {
    margin: 0.25em 0;
  }
  .documents .muted {
    margin-inline-start: 0.5em;
  }
  .messages {
    list-style: none;
    padding: 0;
    display: grid;
    gap: 0.5em;
  }
  .message {
    border-inline-start: 4px solid var(--onetrip-panel, #f3f6f9);
    padding-inline-start: 0.75em;
  }
  .message h4 {
    margin-top: 0;
  }
  .message p {
    margin: 0.25em 0;
  }
  .deliveries {
    font-size: 0.875em;
  }
  .opt-out {
    margin-top: 1em;
  }
  .cards {
    list-style: none;
    padding: 0;
    display: grid;
    gap: 0.75em;
  }
  .card {
    border: 1px solid var(--onetrip-border, #57606a);
    border-radius: var(--onetrip-radius, 4px);
    padding: 0.5em 1em 0.75em;
  }
  .card .facts {
    margin: 0.5em 0;
  }
  .card dd {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25em 0.5em;
  }
  .code {
    font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', monospace;
    font-size: 1.05em;
    letter-spacing: 0.05em;
    user-select: all;
  }
  button.small {
    min-height: 32px;
    padding: 0.1em 0.75em;
    font-size: 0.875em;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em 1.25em;
    margin: 0;
  }
  a {
    color: var(--onetrip-accent, #1a5fb4);
  }
  .pickup {
    border-color: var(--onetrip-accent, #1a5fb4);
    padding-top: 0.25em;
  }
  .redispatch {
    border-inline-start: 6px solid var(--onetrip-error, #b3261e);
    padding-inline-start: 0.75em;
  }
  .progress {
    display: flex;
    flex-wrap: wrap;
    list-style: none;
    padding: 0;
    gap: 0.25em;
    margin: 0.75em 0;
  }
  .progress li {
    flex: 1 1 6em;
    padding: 0.35em 0.5em;
    border-top: 6px solid var(--onetrip-panel, #f3f6f9);
    color: var(--onetrip-muted, #57606a);
  }
  .progress .done {
    border-top-color: var(--onetrip-accent, #1a5fb4);
    color: var(--onetrip-text, #1f2328);
  }
  .progress [aria-current='step'] {
    border-top-color: var(--onetrip-accent, #1a5fb4);
    color: var(--onetrip-text, #1f2328);
    font-weight: 700;
  }
`;
