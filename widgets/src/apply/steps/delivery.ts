/** Step 4, how the result reaches the applicant; by courier, to which address. */
import { html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import { fieldId, radioGroup, textField } from '../../shared/fields.js';
import { ADDRESS_KEYS } from '../keys.js';
import type { StepFlow } from '../host.js';

export function renderDelivery(flow: StepFlow): TemplateResult {
  const { guide } = flow;
  const delivery = flow.host.draft.delivery;
  const setAddress = (key: string) => (value: string) => {
    delivery.address[key] = value;
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
        // The applicant is the usual recipient: offer what was typed already.
        if (mode === 'courier' && !delivery.address.phone && flow.host.draft.applicant.phone) delivery.address.phone = flow.host.draft.applicant.phone;
        flow.host.save();
      },
    })}
    ${delivery.mode === 'courier'
      ? html`<fieldset class="group">
          <legend>${msg('收件地址', { id: 'apply.delivery.address' })}</legend>
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
