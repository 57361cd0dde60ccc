/**
 * Registers a custom element once: a host page may load the script twice (two widgets,
 * two script tags, a CMS that repeats includes), and a second `define` would throw.
 */
export function defineElement(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
