/**
 * Step 2, the item's own form, rendered from its JSON Schema; a bundle's merged form in its
 * sections. What step 1 already holds is shown as taken from there, not asked again (prefill.ts).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { StepFlow } from '../host.js';
import { errorMessage, fieldId } from '../../shared/fields.js';
import { takenFields, type TakenField } from '../prefill.js';
import { entries, getAt, renderProperty, setAt, title, type JsonSchema, type SchemaFormContext } from '../../shared/schema-form.js';

/**
 * The fields taken from step 1, shown as what they are and where they come from, with the
 * way back there to change them (a problem with one is shown here, on its change button).
 */
function renderTaken(flow: StepFlow, taken: TakenField[]): TemplateResult | typeof nothing {
  if (!taken.length) return nothing;
  const source = flow.host.stepTitle(1);
  return html`<section class="review-section taken" aria-labelledby="taken-title">
    <div class="review-head">
      <h3 id="taken-title">${msg(str`已从“${source}”带入`, { id: 'apply.taken.title' })}</h3>
    </div>
    <p class="hint">${msg('以下信息已在第 1 步填写，无需再次填写；如需修改，请回到第 1 步。', { id: 'apply.taken.hint' })}</p>
    <dl>
      ${taken.map((f) => {
        const id = fieldId(`/form/${f.name}`);
        const error = flow.host.errorFor(id);
        return html`<dt>${title(f.schema, flow.host.english)}</dt>
          <dd data-taken=${f.name}>
            ${f.value}
            ${errorMessage(id, error)}
            <button type="button" part="button" class="link" id=${id} aria-describedby=${error ? `${id}-error` : nothing}
              @click=${() => flow.host.goTo(1)}>
              ${msg('更改', { id: 'apply.change' })}<span class="visually-hidden">${title(f.schema, flow.host.english)}</span>
            </button>
          </dd>`;
      })}
    </dl>
  </section>`;
}

export function renderDetails(flow: StepFlow): TemplateResult {
  const { guide } = flow;
  const schema = guide.formSchema as JsonSchema;
  const form = flow.host.draft.form;
  const ctx: SchemaFormContext = {
    english: flow.host.english,
    value: (pointer) => getAt(form, pointer),
    set: (pointer, value) => {
      setAt(form, pointer, value);
      flow.host.clearErrors(fieldId(`/form${pointer}`));
      flow.host.save();
    },
    addEntry: (pointer) => {
      const schemaAt = pointer.split('/').filter(Boolean).reduce<JsonSchema | undefined>((s, part) => (s?.type === 'array' ? s.items : s?.properties?.[part]), schema);
      const list = [...entries(schemaAt ?? {}, getAt(form, pointer), true), {}];
      setAt(form, pointer, list);
      flow.host.save();
      const firstField = Object.keys(schemaAt?.items?.properties ?? {})[0];
      if (firstField) flow.host.focusAfterRender = fieldId(`/form${pointer}/${list.length - 1}/${firstField}`);
      flow.host.announce(msg(str`已添加第 ${list.length} 项`, { id: 'apply.entryAdded' }));
    },
    removeEntry: (pointer, index) => {
      const schemaAt = pointer.split('/').filter(Boolean).reduce<JsonSchema | undefined>((s, part) => (s?.type === 'array' ? s.items : s?.properties?.[part]), schema);
      const list = entries(schemaAt ?? {}, getAt(form, pointer), true).filter((_, i) => i !== index);
      setAt(form, pointer, list);
      flow.host.save();
      flow.host.focusAfterRender = fieldId(`/form${pointer}`);
      flow.host.announce(msg(str`已删除第 ${index + 1} 项`, { id: 'apply.entryRemoved' }));
    },
    error: (pointer) => flow.host.errorFor(fieldId(`/form${pointer}`)),
  };
  const taken = takenFields(schema, flow.applicantData());
  const field = (name: string) => {
    const child = taken.some((f) => f.name === name) ? undefined : schema.properties?.[name];
    return child ? renderProperty(ctx, child, `/${name}`, schema.required?.includes(name) ?? false) : nothing;
  };
  const sections = flow.guide.bundle?.sections;
  if (!sections) return html`${renderTaken(flow, taken)}${Object.keys(schema.properties ?? {}).map(field)}`;
  // A bundle's merged form, in parts: the shared fields first, then each item's own, named with its department.
  const departments = flow.guide.bundle?.departments ?? [];
  return html`${renderTaken(flow, taken)}${sections.map((section) => {
    const department = departments.find((d) => d.code === section.department);
    const id = `section-${section.id}`;
    const text = (t: { zh: string; en: string }) => (flow.host.english ? t.en : t.zh);
    return html`<section class="form-section" aria-labelledby=${id}>
      <h3 id=${id}>${text(section.title)}</h3>
      ${section.id === 'shared'
        ? html`<p class="hint">${msg('以下信息各部门共用，只需填写一次。', { id: 'apply.bundle.sharedHint' })}</p>`
        : department
          ? html`<p class="hint">${msg(str`由${text(department.name)}办理`, { id: 'apply.bundle.handledBy' })}</p>`
          : nothing}
      ${section.fields.map(field)}
    </section>`;
  })}`;
}
