/**
 * Browser-side validation with the validators compiled ahead of time from the API's own
 * schemas (scripts/widget-validators.ts): the envelope (applicant, delivery address) and the
 * item's form. Each item's validator is its own chunk, loaded only for the item shown.
 */
import { msg, str } from '@lit/localize';
import { memberAt, TEXT_FORMATS, textProblem, textProblemsIn } from '../../../contracts/text.js';

export interface AjvError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
}

export type Validate = ((data: unknown) => boolean) & { errors?: AjvError[] | null };

export interface Validators {
  application?: Validate;
  applicant?: Validate;
  address?: Validate;
  /** The item's form; absent when the page's catalog version is not the one compiled. */
  form?: Validate;
}

/** A problem with one field, by its JSON pointer in the application body. */
export interface Problem {
  path: string;
  keyword: string;
  params: Record<string, unknown>;
}

const load = (name: string): Promise<Record<string, unknown>> => import(`../../generated/validators/${name}.js`);

/**
 * Loads the envelope and the form's validators (`000105002000` for an item's,
 * `bundle-BIZ-ONE-ENTRY` for a bundle's merged form); validation is skipped for what
 * cannot be loaded (the API still checks).
 */
export async function loadValidators(name: string, catalogVersion: string): Promise<Validators> {
  const known = /^(\d{12}|bundle-[A-Z0-9-]{2,40})$/.test(name);
  const [envelope, item] = await Promise.all([load('application').catch(() => undefined), known ? load(name).catch(() => undefined) : undefined]);
  const same = (m?: Record<string, unknown>) => m?.catalogVersion === catalogVersion;
  return {
    application: envelope?.application as Validate | undefined,
    applicant: envelope?.applicant as Validate | undefined,
    address: envelope?.address as Validate | undefined,
    form: same(item) ? (item?.validate as Validate) : undefined,
  };
}

/**
 * A bundle's merged-form validator (compiled for every item it may include) narrowed to the
 * form its answers give: problems of fields the answers leave out are dropped, so only what
 * the applicant is asked is checked (the API checks the answered form itself).
 */
export function narrowTo(validate: Validate | undefined, schema: unknown): Validate | undefined {
  if (!validate) return undefined;
  const node = schema as { properties?: Record<string, unknown>; required?: string[] };
  const asked = new Set(Object.keys(node.properties ?? {}));
  const required = new Set(node.required ?? []);
  const kept = (e: AjvError) => {
    if (e.instancePath === '' && e.keyword === 'required') return required.has(String(e.params.missingProperty));
    return asked.has(e.instancePath.split('/')[1] ?? '');
  };
  const narrowed: Validate = (data: unknown) => {
    const valid = validate(data);
    narrowed.errors = valid ? null : (validate.errors ?? []).filter(kept);
    return !narrowed.errors?.length;
  };
  return narrowed;
}

/**
 * Runs a validator; each error becomes a problem at a pointer under `prefix`, one per field.
 * A refused free text is named by the rule it breaks (`control_character`, `bidi_control`,
 * `lone_surrogate`, `untrimmed`, `blank`: contracts/text.ts, as the API names it), and every
 * other string is checked for the characters the API refuses in a form.
 */
export function problems(validate: Validate | undefined, data: unknown, prefix: string): Problem[] {
  const seen = new Set<string>();
  const out: Problem[] = [];
  const errors = !validate || validate(data) ? [] : (validate.errors ?? []);
  for (const e of errors) {
    if (e.keyword === 'if') continue;
    const path = prefix + e.instancePath + (e.keyword === 'required' ? `/${String(e.params.missingProperty)}` : '');
    if (seen.has(path)) continue;
    seen.add(path);
    const options = e.keyword === 'format' ? TEXT_FORMATS[String(e.params.format)] : undefined;
    const value = memberAt(data, e.instancePath);
    const found = options && typeof value === 'string' ? textProblem(value, options) : undefined;
    out.push(found ? { path, keyword: found.rule, params: { codePoint: found.codePoint ?? '' } } : { path, keyword: e.keyword, params: e.params });
  }
  for (const found of textProblemsIn(data, prefix)) {
    if (seen.has(found.path)) continue;
    seen.add(found.path);
    out.push({ path: found.path, keyword: found.rule, params: { codePoint: found.codePoint ?? '' } });
  }
  return out;
}

/** "Premises area" → "premises area" inside an English sentence; acronyms stay. */
const inSentence = (label: string): string => (/^[A-Z][a-z]/.test(label) ? label[0]!.toLowerCase() + label.slice(1) : label);

/** What to tell the applicant, in the widget's language. */
export function problemMessage(p: Problem, label: string, choice: boolean): string {
  const limit = p.params.limit as number;
  const lower = inSentence(label);
  switch (p.keyword) {
    case 'required':
    case 'enum':
    case 'const':
      return choice
        ? msg(str`请选择${lower}`, { id: 'apply.error.choose' })
        : msg(str`请填写${lower}`, { id: 'apply.error.required' });
    case 'format':
      switch (p.params.format) {
        case 'cn-mobile':
          return msg(str`${label}应为 11 位手机号码，例如 13907301234`, { id: 'apply.error.mobile' });
        case 'cn-id-number':
          return msg(str`${label}有误：应为 18 位，末位是数字或 X，请逐位核对`, { id: 'apply.error.idNumber' });
        case 'cn-credit-code':
          return msg(str`${label}有误：应为 18 位数字或大写字母，请逐位核对`, { id: 'apply.error.creditCode' });
        case 'date':
          return msg(str`${label}应为有效日期`, { id: 'apply.error.date' });
        case 'email':
          return msg(str`${label}应为有效的电子邮箱地址，例如 name@example.com`, { id: 'apply.error.email' });
        default:
          return msg(str`${label}的格式不正确`, { id: 'apply.error.pattern' });
      }
    case 'pattern':
      return msg(str`${label}的格式不正确`, { id: 'apply.error.pattern' });
    case 'control_character':
      return msg(str`${label}含有不可见的控制字符（${String(p.params.codePoint)}），请删除后重新输入`, { id: 'apply.error.controlCharacter' });
    case 'bidi_control':
      return msg(str`${label}含有改变文字方向的控制字符（${String(p.params.codePoint)}），请删除后重新输入`, { id: 'apply.error.bidiControl' });
    case 'lone_surrogate':
      return msg(str`${label}含有无效的字符（${String(p.params.codePoint)}），请删除后重新输入`, { id: 'apply.error.loneSurrogate' });
    case 'untrimmed':
      return msg(str`${label}的开头或结尾不能有空格`, { id: 'apply.error.untrimmed' });
    case 'blank':
      return msg(str`请填写${lower}`, { id: 'apply.error.required' });
    case 'minLength':
      return msg(str`${label}至少 ${limit} 个字`, { id: 'apply.error.minLength' });
    case 'maxLength':
      return msg(str`${label}最多 ${limit} 个字`, { id: 'apply.error.maxLength' });
    case 'minimum':
    case 'exclusiveMinimum':
      return msg(str`${label}不能小于 ${limit}`, { id: 'apply.error.minimum' });
    case 'maximum':
    case 'exclusiveMaximum':
      return msg(str`${label}不能大于 ${limit}`, { id: 'apply.error.maximum' });
    case 'type':
      return p.params.type === 'integer'
        ? msg(str`${label}应为整数`, { id: 'apply.error.integer' })
        : msg(str`${label}应为数字`, { id: 'apply.error.number' });
    case 'minItems':
      return msg(str`${label}至少需要 ${limit} 项`, { id: 'apply.error.minItems' });
    case 'maxItems':
      return msg(str`${label}最多 ${limit} 项`, { id: 'apply.error.maxItems' });
    default:
      return msg(str`${label}填写有误`, { id: 'apply.error.invalid' });
  }
}
