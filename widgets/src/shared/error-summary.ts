/**
 * The error summary at the top of a form step (after GOV.UK Frontend's): it takes focus
 * when it shows, lists every problem, and each entry moves focus to its field.
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { defineElement } from './define.js';
import { baseStyles } from './styles.js';

export interface SummaryError {
  /** Id of the field, in the same shadow root (or document) as the summary. */
  fieldId: string;
  message: string;
}

/**
 * Lists a form's problems; each link moves focus to the field with that id in the same
 * root as the summary. Renders nothing while there are no errors; when it appears it
 * takes focus, so screen readers read it (call `focus()` to do so again for a new list).
 *
 * @csspart container - The bordered box (`role="alert"`).
 * @csspart heading - "请修正以下问题" / "There is a problem".
 * @csspart link - Each problem's link.
 *
 * @cssprop [--onetrip-error=#b3261e] - Border and link colour.
 */
export class OneTripErrorSummary extends LitElement {
  static override styles = [
    baseStyles,
    css`
      .summary {
        border: 4px solid var(--onetrip-error, #b3261e);
        padding: 1em 1.25em;
        margin: 0 0 1.5em;
      }
      .summary:focus {
        outline: 3px solid var(--onetrip-focus, #ffbf47);
        outline-offset: 0;
      }
      ul {
        margin: 0;
        padding-inline-start: 1.25em;
      }
      a {
        color: var(--onetrip-error, #b3261e);
        font-weight: 600;
      }
      a:focus-visible {
        background: var(--onetrip-focus, #ffbf47);
        color: #0b0c0c;
        outline: none;
      }
    `,
  ];

  static override properties = { errors: { attribute: false } };

  errors: SummaryError[] = [];

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  /** Focuses the summary box (screen readers then read the heading and the list), once it has rendered. */
  override focus(options?: FocusOptions): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.summary')?.focus(options));
  }

  protected override updated(changed: PropertyValues<this>): void {
    // Shown: take focus. A list that changes while shown leaves focus alone (the owner calls focus()).
    if (changed.has('errors') && this.errors.length && !(changed.get('errors') as SummaryError[] | undefined)?.length) this.focus();
  }

  private go(event: Event, fieldId: string): void {
    event.preventDefault();
    const root = this.getRootNode() as ShadowRoot | Document;
    const field = root.getElementById(fieldId);
    if (!field) return;
    field.scrollIntoView?.({ block: 'center' });
    field.focus();
  }

  protected override render() {
    if (!this.errors.length) return nothing;
    return html`<div class="summary" part="container" role="alert" tabindex="-1" aria-labelledby="heading">
      <h2 id="heading" part="heading" tabindex="-1">${msg('请修正以下问题', { id: 'errorSummary.title' })}</h2>
      <ul>
        ${this.errors.map(
          (e) => html`<li><a part="link" href="#${e.fieldId}" @click=${(event: Event) => this.go(event, e.fieldId)}>${e.message}</a></li>`,
        )}
      </ul>
    </div>`;
  }
}

defineElement('onetrip-error-summary', OneTripErrorSummary);

declare global {
  interface HTMLElementTagNameMap {
    'onetrip-error-summary': OneTripErrorSummary;
  }
}
