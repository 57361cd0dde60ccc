/**
 * What every OneTrip element shares, so each element's file holds only what it shows and
 * does: the `api-base` and `locale` attributes, the page-wide language switch, the shared
 * look with the isolated root the content renders in (isolation.styles.ts) and the status
 * box, and the text of the polite live region. Failed requests are worded by problem.ts.
 */
import { LitElement, html, type CSSResultGroup, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { updateWhenLocaleChanges } from '@lit/localize';
import { OneTripApi } from './api.js';
import { isolatedRoot } from './isolation.styles.js';
import { intlLocale, useLocale } from './localize.js';
import { statusStyles } from './status.styles.js';
import { baseStyles } from './styles.js';

export class OneTripElement extends LitElement {
  static override styles: CSSResultGroup = [baseStyles, isolatedRoot, statusStyles];

  static override properties: PropertyDeclarations = {
    apiBase: { type: String, attribute: 'api-base' },
    locale: { type: String },
  };

  /** Origin and path prefix of the OneTrip API; the page's origin when unset. */
  apiBase?: string;
  /** `en` for English, otherwise Chinese. */
  locale?: string;

  private said = '';
  private localeAsked?: string;
  private readonly internals = this.attachInternals();

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    // Until it shows what it loads, the element keeps its room (`--onetrip-loading-height`,
    // styles.ts), as onetrip.js keeps it while the element's code loads: the page does not jump.
    this.internals.states.add('loading');
  }

  /**
   * Whether what the element shows first is drawn (its data, or a form that needs none): the
   * room kept while loading is given back then. @default true: the first render
   */
  protected get shown(): boolean {
    return true;
  }

  protected override update(changed: PropertyValues): void {
    super.update(changed);
    if (this.shown) this.internals.states.delete('loading');
  }

  /**
   * Text of the polite live region: changes a screen-reader user should hear. (Internal
   * state, kept out of `static properties` so the manifest does not list it as an attribute.)
   */
  protected get announcement(): string {
    return this.said;
  }

  protected set announcement(text: string) {
    const old = this.said;
    this.said = text;
    this.requestUpdate('announcement', old);
  }

  /** @internal The API's origin and path prefix in force. */
  get base(): string {
    return this.apiBase || location.origin;
  }

  /** @internal */
  get api(): OneTripApi {
    return new OneTripApi(this.base);
  }

  /**
   * Renders only once the element's language is loaded, so that an English page never shows
   * Chinese first (the text would change, and the page jump, as English arrived).
   */
  protected override async scheduleUpdate(): Promise<void> {
    // Only when `locale` changed: two elements on one page must not switch it back and forth.
    if (this.locale !== this.localeAsked) {
      this.localeAsked = this.locale;
      await useLocale(this.locale);
    }
    super.scheduleUpdate();
  }

  /** @internal Says `text` in the live region; the same words twice are still said (the region changes either way). */
  announce(text: string): void {
    this.announcement = this.announcement === text ? `${text}\u00a0` : text;
  }

  /** The element's content inside the isolated root, in the widget's language. */
  protected isolated(content: unknown): TemplateResult {
    return html`<div class="root" lang=${intlLocale()}>${content}</div>`;
  }
}
