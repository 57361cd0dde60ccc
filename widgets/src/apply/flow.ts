/**
 * The steps of an application, loaded on demand by `<onetrip-apply>` in parallel with the
 * item's guide (so pages without the element never download them, and the first render
 * waits for nothing more than it already did): the data the API takes, built from the
 * draft; validation with the precompiled validators; and each step's template (steps/). The
 * steps see the flow through host.ts `StepFlow`, so they never import this file.
 *
 * The first render needs step 1 only: the later steps (steps/later.ts, with material uploads,
 * uploads.ts, and the submission, submission.ts) and the validators are loaded once the
 * citizen starts on the form ({@link ApplyFlow.prepare}), or when they are first needed; a
 * bundle's questions and panel (steps/bundle-steps.ts) only for a bundle.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { shanghaiDate } from '../../../contracts/dates.js';
import type { GuideMaterial } from '../../../contracts/guides.js';
import { formatDate } from '../shared/format.js';
import type { HeldCertificate } from '../../../contracts/certificates.js';
import type { Draft } from './draft.js';
import { ADDRESS_KEYS, APPLICANT_KEYS } from './keys.js';
import { fieldId, materialId } from '../shared/fields.js';
import { STEP_COUNT, type ApplyGuide, type ApplyHost, type ApplyMaterial, type MaterialBody, type StepError, type SubmittingFlow } from './host.js';
import type { JsonSchema } from '../shared/schema-form.js';
import { withApplicant } from './prefill.js';
import { renderApplicant } from './steps/applicant.js';
import type { Problem, Validators } from '../shared/validation.js';
import type { LibraryAccess } from './host.js';

export { bundleApplyGuide, itemApplyGuide } from './subject.js';

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * A Saturday or Sunday: the window is closed, so a deferred material cannot fall due on it.
 * The holiday calendar lives on the server, which also refuses weekday holidays (and names
 * the field); a weekend made a working day is refused here to be safe.
 */
function isWeekend(date: string): boolean {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return day === 0 || day === 6;
}

/** The latest weekday on or before `date`: the end of the window a due date is chosen in. */
function weekdayOnOrBefore(date: string): string {
  let day = date;
  while (isWeekend(day)) day = addDays(day, -1);
  return day;
}

/** The first weekday on or after `date`. */
function weekdayOnOrAfter(date: string): string {
  let day = date;
  while (isWeekend(day)) day = addDays(day, 1);
  return day;
}

/** The proof a material is, if any: guides spell the entry out (`{code, name, …}`); a bare code is taken too. */
export function proofOf(m: GuideMaterial): string | undefined {
  const proof = m.proof as unknown;
  return typeof proof === 'string' ? proof : (proof as { code?: string } | undefined)?.code;
}


type LaterSteps = typeof import('./steps/later.js');
type BundleSteps = typeof import('./steps/bundle-steps.js');

/** Which precompiled validators check the form: `000105002000` (an item's), `bundle-BIZ-ONE-ENTRY` (narrowed to the form the answers give). */
export interface ValidatorsFor {
  name: string;
  catalogVersion: string;
  /** A bundle's form for its answers. */
  narrowTo?: unknown;
}

export class ApplyFlow implements SubmittingFlow {
  private libraryAccess?: LibraryAccess;
  /** The validators once loaded (validation waits for them). */
  private validators?: Validators;
  private validatorsLoading?: Promise<Validators>;
  /** Steps 2–5 and the receipt once loaded. */
  private later?: LaterSteps;
  private laterLoading?: Promise<LaterSteps>;

  /**
   * @param validatorsFor the envelope's and the form's precompiled validators, loaded on first need
   * @param bundleSteps a bundle's questions and panel (steps/bundle-steps.ts), for a bundle only
   */
  constructor(
    readonly host: ApplyHost,
    readonly guide: ApplyGuide,
    private readonly validatorsFor: ValidatorsFor,
    private readonly bundleSteps?: BundleSteps,
  ) {}

  /** "Use my certificate library": offered on the materials step (a later step), opened only with the code texted to the holder's phone. */
  get library(): LibraryAccess {
    this.libraryAccess ??= new this.loaded.CertificateLibraryAccess(this.host, () => this.libraryKey(), (who, held) => this.libraryOpened(who, held));
    return this.libraryAccess;
  }

  /** The later steps' module, where only a later step, a check or a submission (which load it first) reach. */
  private get loaded(): LaterSteps {
    if (!this.later) throw new Error('The later steps are not loaded');
    return this.later;
  }

  /** The citizen started on the form: the validators and the later steps load meanwhile. */
  prepare(): void {
    void this.ready().catch(() => {});
    void this.laterSteps().catch(() => {});
  }

  /** The validators, loaded once (what cannot be loaded is left to the API to check). */
  async ready(): Promise<Validators> {
    const { name, catalogVersion, narrowTo } = this.validatorsFor;
    this.validatorsLoading ??= this.laterSteps().then(async (later) => {
      const validators = await later.loadValidators(name, catalogVersion);
      this.validators = narrowTo === undefined ? validators : { ...validators, form: later.narrowTo(validators.form, narrowTo) };
      return this.validators;
    });
    // The later steps' code could not be loaded: the next check tries again.
    this.validatorsLoading.catch(() => (this.validatorsLoading = undefined));
    return this.validatorsLoading;
  }

  private laterSteps(): Promise<LaterSteps> {
    this.laterLoading ??= import('./steps/later.js').then(
      (later) => {
        this.later = later;
        this.host.requestUpdate();
        return later;
      },
      (error: unknown) => {
        this.laterLoading = undefined; // a later render tries again
        throw error;
      },
    );
    return this.laterLoading;
  }

  /** The current step's fields (a later step's code still loading: the loading message until it is there). */
  render(step: number): TemplateResult {
    if (step === 1) return renderApplicant(this);
    const later = this.later;
    if (!later) {
      void this.laterSteps().catch(() => {});
      return html`<p part="status">${msg('加载中…', { id: 'common.loading' })}</p>`;
    }
    return [later.renderDetails, later.renderMaterials, later.renderDelivery, later.renderReview][step - 2]!(this);
  }

  /** Who is asking the library for which proofs, or nothing when the applicant's identity is not complete or no material is a proof. */
  libraryKey(): string | undefined {
    const proofs = [...new Set(this.guide.materials.map(proofOf).filter((p): p is string => Boolean(p)))];
    const { idType, idNumber, name } = this.applicantData();
    return proofs.length && idType && idNumber && name ? JSON.stringify([idType, idNumber, name, proofs]) : undefined;
  }

  /** Kept in the draft for this applicant (opened again only when the ID or the name changes). */
  private libraryOpened(who: string, held: HeldCertificate[]): void {
    this.host.draft.library = { who, held };
    const reused = this.libraryHeldCount() ?? 0;
    this.host.announce(reused
      ? msg(str`证照库中已有 ${reused} 项材料，无需上传`, { id: 'apply.library.found' })
      : msg('证照库中没有本次所需的材料，请逐项上传', { id: 'apply.library.none' }));
    this.host.save();
  }

  libraryHeldCount(): number | undefined {
    const library = this.host.draft.library;
    if (!library || library.who !== this.libraryKey()) return undefined;
    return this.guide.materials.filter((m) => this.heldFor(m)).length;
  }

  /** The certificate the applicant's library holds for this material, if it was asked for this applicant. */
  heldFor(m: GuideMaterial): HeldCertificate | undefined {
    const library = this.host.draft.library;
    const proof = proofOf(m);
    return proof && library && library.who === this.libraryKey() ? library.held.find((h) => h.proof === proof) : undefined;
  }

  /** The certificate that stands for this material, unless the applicant chose to upload it. */
  reusedFor(m: GuideMaterial): HeldCertificate | undefined {
    return this.host.draft.uploadInstead.includes(m.code) ? undefined : this.heldFor(m);
  }

  setUploadInstead(m: GuideMaterial, upload: boolean): void {
    const others = this.host.draft.uploadInstead.filter((code) => code !== m.code);
    this.host.draft.uploadInstead = upload ? [...others, m.code] : others;
    this.host.errors = this.host.errors.filter((e) => !e.fieldId.startsWith(materialId(m.code)));
    this.host.save();
  }

  /** A bundle's situation questions, while they are to be answered (before the steps). */
  renderSituations(): TemplateResult | typeof nothing {
    return this.bundleSteps?.renderSituations(this) ?? nothing;
  }

  /** A bundle's departments and savings (nothing for an item). */
  renderBundlePanel(): TemplateResult | typeof nothing {
    return this.bundleSteps?.renderBundlePanel(this) ?? nothing;
  }

  renderReceipt(): TemplateResult {
    // A receipt is shown after a submit, from the review: the later steps are loaded.
    return this.later!.renderReceipt(this, this.host.receipt!);
  }

  applicantData(): Record<string, string> {
    const a = this.host.draft.applicant;
    const out: Record<string, string> = {};
    for (const key of APPLICANT_KEYS) {
      if (key === 'legalRepresentative' && a.type !== 'company') continue;
      let value = (a[key] ?? '').trim();
      if (key === 'idNumber') value = value.replace(/\s/g, '').toUpperCase();
      if (key === 'phone') value = value.replace(/[\s-]/g, '');
      if (value) out[key] = value;
    }
    return out;
  }

  deliveryData(): Record<string, unknown> {
    const { mode, address } = this.host.draft.delivery;
    if (!mode) return {};
    if (mode !== 'courier') return { mode };
    const out: Record<string, string> = {};
    for (const key of ADDRESS_KEYS) {
      const value = (address[key] ?? '').trim().replace(key === 'phone' ? /[\s-]/g : /^$/, '');
      if (value) out[key] = value;
    }
    return { mode, address: out };
  }

  deferredOn(m: GuideMaterial): boolean {
    return m.deferrable && Boolean(this.host.draft.deferred[m.code]?.on);
  }

  body() {
    const { guide } = this;
    const materials: MaterialBody[] = [];
    const deferred: { materialCode: string; dueDate: string; commitmentAccepted: true }[] = [];
    for (const m of guide.materials) {
      const upload = this.host.draft.uploads[m.code];
      const held = this.reusedFor(m);
      if (held) materials.push({ materialCode: m.code, certificateCode: held.verificationCode });
      else if (this.deferredOn(m)) deferred.push({ materialCode: m.code, dueDate: this.host.draft.deferred[m.code]!.dueDate, commitmentAccepted: true });
      else if (upload) materials.push({ materialCode: m.code, uploadId: upload.uploadId });
    }
    return {
      catalogVersion: guide.catalogVersion,
      ...guide.subject,
      applicant: this.applicantData(),
      form: this.loaded.buildData(guide.formSchema as JsonSchema, withApplicant(guide.formSchema as JsonSchema, this.host.draft.form, this.applicantData())),
      materials,
      ...(deferred.length ? { deferred } : {}),
      delivery: this.deliveryData(),
    };
  }

  /**
   * The due dates the client accepts for a deferred material: from tomorrow to the planned
   * end of what needs it (the item, or the bundle's first stage that asks for it), working
   * days counted as calendar days, so never later than the API's bound.
   */
  dueBounds(m: ApplyMaterial): { min: string; max: string } {
    // Due dates are local dates in Asia/Shanghai.
    // Both ends are days the window is open: the range offered never starts or ends on a weekend.
    const today = shanghaiDate();
    const min = weekdayOnOrAfter(addDays(today, 1));
    const max = weekdayOnOrBefore(addDays(today, Math.max(this.guide.dueDays(m), 1)));
    return { min, max: max < min ? min : max };
  }

  /** A due date on a day the window is closed (a weekend, or a holiday the server knows). */
  dueNotWorkingDay(name: string, date: string): string {
    return msg(str`${name}的补交期限 ${formatDate(date)} 不是工作日（周末或法定节假日），请另选一个工作日`, { id: 'apply.error.dueNotWorkingDay' });
  }

  applicantLabel(key: string): string {
    const company = this.host.draft.applicant.type === 'company';
    switch (key) {
      case 'type':
        return msg('申请人类型', { id: 'apply.applicant.type' });
      case 'name':
        return company ? msg('单位名称', { id: 'apply.applicant.companyName' }) : msg('姓名', { id: 'apply.applicant.name' });
      case 'idType':
        return msg('证件类型', { id: 'apply.applicant.idType' });
      case 'idNumber':
        return this.host.draft.applicant.idType === 'credit_code'
          ? msg('统一社会信用代码', { id: 'apply.applicant.creditCode' })
          : msg('证件号码', { id: 'apply.applicant.idNumber' });
      case 'legalRepresentative':
        return msg('法定代表人', { id: 'apply.applicant.legalRepresentative' });
      case 'phone':
        return msg('手机号码', { id: 'apply.applicant.phone' });
      default:
        return msg('电子邮箱', { id: 'apply.applicant.email' });
    }
  }

  addressLabel(key: string): string {
    switch (key) {
      case 'recipient':
        return msg('收件人', { id: 'apply.address.recipient' });
      case 'phone':
        return msg('收件人手机号码', { id: 'apply.address.phone' });
      case 'province':
        return msg('省（自治区、直辖市）', { id: 'apply.address.province' });
      case 'city':
        return msg('市', { id: 'apply.address.city' });
      case 'district':
        return msg('区（县）', { id: 'apply.address.district' });
      case 'detail':
        return msg('详细地址', { id: 'apply.address.detail' });
      default:
        return msg('邮政编码', { id: 'apply.address.postalCode' });
    }
  }

  labelFor(path: string): string {
    const { guide } = this;
    if (path.startsWith('/form')) return this.loaded.labelAt(guide.formSchema as JsonSchema, path.slice('/form'.length), this.host.english);
    const key = path.split('/').pop() ?? '';
    if (path.startsWith('/applicant')) return this.applicantLabel(key);
    if (path === '/delivery/mode' || path === '/delivery') return msg('送达方式', { id: 'apply.step.delivery' });
    return this.addressLabel(key);
  }

  stepOf(path: string): number {
    if (path.startsWith('/applicant')) return 1;
    if (path.startsWith('/form')) return 2;
    if (path.startsWith('/materials') || path.startsWith('/deferred')) return 3;
    if (path.startsWith('/delivery')) return 4;
    return STEP_COUNT;
  }

  toStepError(p: Problem): StepError {
    const { guide } = this;
    const choice = p.path.startsWith('/form')
      ? this.loaded.isChoiceAt(guide.formSchema as JsonSchema, p.path.slice('/form'.length))
      : ['/applicant/type', '/applicant/idType', '/delivery/mode'].includes(p.path);
    // The applicant's type decides the kind of ID; say so rather than "choose the ID type".
    const message =
      p.path === '/applicant/idType' && p.keyword === 'const'
        ? msg('企业或其他组织请选择统一社会信用代码', { id: 'apply.error.companyId' })
        : this.loaded.problemMessage(p, this.labelFor(p.path), choice);
    return { step: this.stepOf(p.path), fieldId: fieldId(p.path), message, problem: p };
  }

  relabelErrors(): void {
    this.host.errors = this.host.errors.map((e) => (e.problem ? { ...this.toStepError(e.problem), step: e.step } : e));
  }

  materialErrors(): StepError[] {
    const { guide } = this;
    const errors: StepError[] = [];
    const add = (fieldId: string, message: string) => errors.push({ step: 3, fieldId, message });
    for (const m of guide.materials) {
      const { min, max } = this.dueBounds(m);
      const id = materialId(m.code);
      const name = this.host.english ? m.name.en : m.name.zh;
      const deferral = this.host.draft.deferred[m.code];
      if (this.reusedFor(m)) continue;
      if (this.deferredOn(m)) {
        if (!deferral?.dueDate) add(`${id}-due`, msg(str`请选择${name}的补交期限`, { id: 'apply.error.dueRequired' }));
        else if (deferral.dueDate < min || deferral.dueDate > max)
          add(`${id}-due`, msg(str`${name}的补交期限应在 ${formatDate(min)} 至 ${formatDate(max)} 之间`, { id: 'apply.error.dueRange' }));
        else if (isWeekend(deferral.dueDate)) add(`${id}-due`, this.dueNotWorkingDay(name, deferral.dueDate));
        if (!deferral?.commitment) add(`${id}-commit`, msg(str`请确认补交${name}的承诺`, { id: 'apply.error.commitment' }));
        continue;
      }
      const upload = this.host.uploads.get(m.code);
      if (upload?.status === 'uploading') add(id, msg(str`${name}正在上传，请等待上传完成`, { id: 'apply.error.uploading' }));
      else if (upload?.status === 'failed') add(id, upload.error ?? msg(str`${name}上传失败，请重试`, { id: 'apply.error.uploadFailed' }));
      else if (m.required && !this.host.draft.uploads[m.code])
        add(
          id,
          m.deferrable
            ? msg(str`请上传${name}，或选择容缺后补`, { id: 'apply.error.uploadOrDefer' })
            : msg(str`请上传${name}`, { id: 'apply.error.upload' }),
        );
    }
    return errors;
  }

  /** Every problem of one step (or of all steps), checked in the browser once the validators are loaded. */
  async validate(step?: number): Promise<StepError[]> {
    const validators = this.validators ?? (await this.ready());
    const body = this.body();
    const found: StepError[] = [];
    const toErrors = (list: Problem[]) => list.map((p) => this.toStepError(p));
    const { problems } = this.loaded;
    if (!step || step === 1) found.push(...toErrors(problems(validators.applicant, body.applicant, '/applicant')));
    if (!step || step === 2) found.push(...toErrors(problems(validators.form, body.form, '/form')));
    if (!step || step === 3) found.push(...this.materialErrors());
    if (!step || step === 4) {
      found.push(...toErrors(problems(validators.application, body, '').filter((p) => p.path.startsWith('/delivery'))));
    }
    return found;
  }

  /** A file chosen for a material: checked, then uploaded (uploads.ts, with the later steps: the materials step is one). */
  chooseFile(m: GuideMaterial, input: HTMLInputElement): Promise<void> {
    return this.loaded.chooseFile(this, m, input);
  }

  upload(m: GuideMaterial, file: File): Promise<void> {
    return this.loaded.upload(this, m, file);
  }

  setDeferral(m: GuideMaterial, change: Partial<Draft['deferred'][string]>): void {
    const current = this.host.draft.deferred[m.code] ?? { on: false, dueDate: '', commitment: false };
    const next = { ...current, ...change };
    // The latest day offered, a working day, at the end of the window.
    if (next.on && !next.dueDate) next.dueDate = this.dueBounds(m).max;
    this.host.draft.deferred[m.code] = next;
    this.host.save();
  }

  /** Checks every step and submits (submission.ts, with the later steps: the receipt's code comes with them). */
  async submit(): Promise<void> {
    if (this.host.submitting) return;
    await (await this.laterSteps()).submit(this);
  }

  modeLabel(mode: string): string {
    switch (mode) {
      case 'courier':
        return msg('快递送达', { id: 'apply.delivery.courier' });
      case 'pickup':
        return msg('窗口领取', { id: 'apply.delivery.pickup' });
      default:
        return msg('电子证照（网上领取）', { id: 'apply.delivery.electronic' });
    }
  }
}
