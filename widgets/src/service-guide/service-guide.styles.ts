/** The guide's own look: the heading block, the trips badge, the facts panel, the materials' tags. */
import { css } from 'lit';

export const serviceGuideStyles = css`
  header {
    margin-bottom: 0.75em;
  }
  .department,
  .meta,
  .basis,
  .note {
    color: var(--onetrip-muted, #57606a);
    margin: 0;
  }
  .meta {
    font-size: 0.875em;
  }
  h2 {
    font-size: 1.5em;
  }
  h3 {
    font-size: 1.15em;
    margin-top: 1.25em;
  }
  .trips {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em 0.75em;
    align-items: baseline;
    margin: 0 0 1em;
  }
  .trips strong {
    display: inline-block;
    padding: 0.15em 0.7em;
    border-radius: var(--onetrip-radius, 4px);
    background: var(--onetrip-accent, #1a5fb4);
    color: var(--onetrip-on-accent, #ffffff);
  }
  .performance {
    margin: 0 0 1em;
  }
  .facts {
    padding: 0.75em 1em;
    background: var(--onetrip-panel, #f3f6f9);
    border-radius: var(--onetrip-radius, 4px);
  }
  ul {
    margin: 0.25em 0;
    padding-inline-start: 1.5em;
  }
  tbody th {
    font-weight: 600;
  }
  .tag {
    display: inline-block;
    margin-inline-start: 0.4em;
    padding: 0 0.45em;
    border: 1px solid currentColor;
    border-radius: var(--onetrip-radius, 4px);
    font-size: 0.875em;
  }
  .fees > li {
    margin-bottom: 0.5em;
  }
  .basis {
    display: block;
    font-size: 0.875em;
  }
  .error p {
    margin: 0 0 0.5em;
  }
`;
