/**
 * What every view element is: a Lit element in the page's light DOM (one stylesheet,
 * `workbench.css`, and ids the skip link and labels can reach), re-rendered when the
 * language changes, given the API client, the session and its route's parameters by the
 * shell. Its first `<h1>` names the view (the shell moves focus there on a view change).
 */
import { LitElement } from 'lit';
import { updateWhenLocaleChanges } from '@lit/localize';
import type { StaffApi } from './api.js';
import type { Session } from './session.js';

export class WorkbenchView extends LitElement {
  static override properties = {
    api: { attribute: false },
    session: { attribute: false },
    params: { attribute: false },
  };

  declare api: StaffApi;
  declare session: Session;
  declare params: Record<string, string>;

  constructor() {
    super();
    this.params = {};
    updateWhenLocaleChanges(this);
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }
}

/** Registers an element once (the shell may load a view's chunk more than once). */
export function defineView(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
