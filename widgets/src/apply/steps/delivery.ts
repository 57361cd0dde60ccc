/** Step 4, how the result reaches the applicant; by courier, to which address (the premises', in one tick). */
import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { checkboxField, fieldId, radioGroup, textField } from '../../shared/fields.js';
import { buildData, title, type JsonSchema } from '../../shared/schema-form.js';
import { addressField, splitAddress } from '../prefill.js';
import { ADDRESS_KEYS } from '../keys.js';
import type { StepFlow } from '../host.js';

/** The parts of the courier's address that a one-line address fills. */
const COPIED = ['province', 'city', 'district', 'detail'] as const;

/**
 * "Same as the premises address" (与经营场所地址相同), when the form has the premises and it
 * is filled in: ticked, it fills the address from it (still editable); it stays ticked while
 * the address is that one, and unticked it empties what it filled.
 */
function renderSameAddress(flow: StepFlow): TemplateResult | typeof nothing {
  const schema = flow.guide.formSchema as JsonSchema;
  const premises = addressField(schema, 'premises');
  const text = premises ? buildData(premises.schema, flow.host.draft.form[premises.name]) : undefined;
  if (!premises || typeof text !== 'string') return nothing;
  const parts = splitAddress(text);
  const address = flow.host.draft.delivery.address;
  const same = COPIED.every((key) => (address[key] ?? '') === (parts[key] ?? ''));
  const name = title(premises.schema, flow.host.english);
  const lower = /^[A-Z][a-z]/.test(name) ? name[0]!.toLowerCase() + name.slice(1) : name;
  return checkboxField({
    id: fieldId('/delivery/address/same'),
    label: msg(str`与${lower}相同`, { id: 'apply.delivery.sameAs' }),
    hint: text,
    checked: same,
    onChange: (on) => {
      for (const key of COPIED) address[key] = on ? (parts[key] ?? '') : '';
      flow.host.save();
      flow.host.announce(on ? msg('已填入收件地址', { id: 'apply.delivery.copied' }) : msg('已清空收件地址', { id: 'apply.delivery.cleared' }));
    },
  });
}

export function renderDelivery(flow: StepFlow): TemplateResult {
  const { guide } = flow;
  const delivery = flow.host.draft.delivery;
  const setAddress = (key: string) => (value: string) => {
    delivery.address[key] = value;
    flow.host.clearErrors(fieldId(`/delivery/address/${key}`));
    flow.host.save();
  };
  const AUTOCOMPLETE: Record<string, string> = {
    recipient: 'name',
    phone: 'tel-national',
    province: 'address-level1',
    city: 'address-level2',
    district: 'address-level3',
    detail: 'street-address',
    postalCode: 'postal-code',
  };
  return html`
    ${radioGroup({
      id: fieldId('/delivery/mode'),
      label: msg('办理结果的送达方式', { id: 'apply.delivery.legend' }),
      error: flow.host.errorFor(fieldId('/delivery/mode')),
      required: true,
      value: delivery.mode,
      choices: guide.deliveryModes.map((mode) => ({ value: mode, label: flow.modeLabel(mode) })),
      onChange: (mode) => {
        delivery.mode = mode;
        flow.host.clearErrors(fieldId('/delivery/mode'));
        // The applicant is the usual recipient: offer what was typed already.
        if (mode === 'courier' && !delivery.address.phone && flow.host.draft.applicant.phone) delivery.address.phone = flow.host.draft.applicant.phone;
        flow.host.save();
      },
    })}
    ${delivery.mode === 'courier'
      ? html`<fieldset class="group">
          <legend>${msg('收件地址', { id: 'apply.delivery.address' })}</legend>
          ${renderSameAddress(flow)}
          ${ADDRESS_KEYS.map((key) =>
            textField({
              id: fieldId(`/delivery/address/${key}`),
              label: flow.addressLabel(key),
              error: flow.host.errorFor(fieldId(`/delivery/address/${key}`)),
              required: key !== 'postalCode',
              value: delivery.address[key] ?? '',
              autocomplete: AUTOCOMPLETE[key],
              ...(key === 'phone' ? { type: 'tel' as const, inputmode: 'tel' as const, maxlength: 13, width: 'medium' as const } : {}),
              ...(key === 'postalCode' ? { inputmode: 'numeric' as const, maxlength: 6, width: 'short' as const } : {}),
              ...(key === 'detail' ? { maxlength: 200 } : { maxlength: key === 'recipient' ? 50 : 20 }),
              onInput: setAddress(key),
            }),
          )}
        </fieldset>`
      : nothing}
  `;
}
