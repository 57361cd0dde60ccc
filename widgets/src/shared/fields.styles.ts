/**
 * The look of the fields of fields.ts (labels, hints, errors, groups, choices), for every
 * element that renders them: the apply form and the tracker's correction form.
 */
import { css } from 'lit';

export const fieldStyles = css`
  .field {
    margin: 0 0 1.5em;
  }
  .field > label,
  .field > .label,
  legend {
    display: block;
    font-weight: 600;
    margin-bottom: 0.25em;
  }
  fieldset {
    border: 0;
    padding: 0;
    margin: 0 0 1.5em;
    min-width: 0;
  }
  .group {
    border-inline-start: 4px solid var(--onetrip-panel-border, #b1b4b6);
    padding-inline-start: 1em;
  }
  .field-error {
    border-inline-start: 4px solid var(--onetrip-error, #b3261e);
    padding-inline-start: 0.75em;
  }
  .field-error input:not([type='radio']):not([type='checkbox']),
  .field-error select,
  .field-error textarea {
    border-color: var(--onetrip-error, #b3261e);
  }
  .hint {
    color: var(--onetrip-muted, #57606a);
    margin-bottom: 0.25em;
  }
  .required,
  .optional {
    font-weight: 400;
    color: var(--onetrip-muted, #57606a);
  }
  .error-message {
    margin: 0 0 0.25em;
  }
  :where(input:not([type='radio']):not([type='checkbox'])),
  textarea {
    width: 100%;
  }
  input.short {
    width: 10em;
  }
  input.medium {
    width: 20em;
  }
  input[type='radio'],
  input[type='checkbox'] {
    width: 1.5em;
    height: 1.5em;
    min-height: 0;
    margin: 0;
    flex: none;
    accent-color: var(--onetrip-accent, #1a5fb4);
  }
  .choice {
    display: flex;
    align-items: center;
    gap: 0.6em;
    min-height: 44px;
  }
  .radios {
    display: grid;
    gap: 0.25em;
  }
`;
