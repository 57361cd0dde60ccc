/**
 * The rules an application must meet before it becomes a case: only what the published
 * guide asks for ("no condition outside the guide"), every required material supplied
 * or deferred under a written commitment, and uploads that fit their material.
 */
import type { DeliveryMode, Material, ServiceItem, SituationAnswers } from '../../contracts/catalog.js';
import type { FieldError } from './errors.js';
import type { CaseMaterial, CaseRecord, Certificate, Change, ProducedRecord, ReusedCertificate } from './records.js';
import type { Applicant, DeferredMaterial } from '../../contracts/cases.js';
import type { Delivery } from '../../contracts/delivery.js';
import type { WorkingCalendar } from './calendar.js';
import type { LocalDate } from '../../contracts/dates.js';
import { planStages, type StagePlan } from './stages.js';
import { GENESIS_HASH } from './timeline.js';
import { caseSubmittedData } from './measures.js';
import type { DeferredInput, MaterialInput } from '../../contracts/cases.js';
import type { NotificationLanguage } from '../../contracts/notifications.js';

/** What the material and delivery rules need of an item or a bundle. */
export interface MaterialGuide {
  code: string;
  name: { zh: string; en: string };
  materials: Material[];
  deliveryModes: DeliveryMode[];
  /** Names of the results that are physical objects (a bundle's engraved seals): never electronic only. */
  physicalResults?: { zh: string; en: string }[];
}

export interface UploadRecord {
  uploadId: string;
  key: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  createdAt: string;
  /** The case this upload was attached to; an upload serves one case only. */
  caseId?: string;
}

/** What checking a library certificate needs of it (docs/results.md). */
export interface LibraryCertificate {
  verificationCode: string;
  proof?: string;
  status: Certificate['status'];
  holderKey: string;
  holderName: string;
  itemName: { zh: string; en: string };
  issuedOn: string;
}

export interface MaterialCheck {
  materials: CaseMaterial[];
  /** Proofs satisfied by certificates the applicant holds ("no proof outside the results"). */
  reused: ReusedCertificate[];
  deferred: DeferredMaterial[];
  errors: FieldError[];
}

/** Checks supplied materials against the item's guide; collects every problem at once. */
export function checkMaterials(args: {
  /** The item or bundle applied for (materials asked once). */
  subject: MaterialGuide;
  provided: MaterialInput[];
  deferred: DeferredInput[];
  uploads: ReadonlyMap<string, UploadRecord>;
  caseId: string;
  today: LocalDate;
  /** The latest due date a deferred material may be given. */
  latestDueDate: (materialCode: string) => LocalDate;
  /** Due dates fall on its working days. */
  calendar: WorkingCalendar;
  now: string;
  /** In a correction, the materials already on the case count as supplied. */
  alreadySupplied?: ReadonlySet<string>;
  /** The certificates named by `certificateCode`, and whose library they must be in. */
  certificates?: ReadonlyMap<string, LibraryCertificate>;
  holder?: { key: string; name: string };
  pathPrefix?: string;
}): MaterialCheck {
  const { subject, provided, uploads, caseId, today, latestDueDate, now } = args;
  const prefix = args.pathPrefix ?? '';
  const errors: FieldError[] = [];
  const byCode = new Map(subject.materials.map((m) => [m.code, m]));
  const seen = new Set<string>();
  const materials: CaseMaterial[] = [];
  const reused: ReusedCertificate[] = [];

  const seenUploads = new Set<string>();
  provided.forEach((p, i) => {
    const at = `${prefix}/materials/${i}`;
    const material = byCode.get(p.materialCode);
    if (!material) {
      errors.push({ path: `${at}/materialCode`, message: `${p.materialCode} is not a material of ${subject.code}`, rule: 'not_a_material', params: { materialCode: p.materialCode, subject: subject.name.zh } });
      return;
    }
    if (seen.has(p.materialCode)) {
      errors.push({ path: `${at}/materialCode`, message: `${p.materialCode} is given twice`, rule: 'given_twice', params: { materialCode: p.materialCode } });
      return;
    }
    seen.add(p.materialCode);
    if (p.certificateCode !== undefined) {
      const problem = certificateProblem(material, p.certificateCode, args.certificates?.get(p.certificateCode), args.holder);
      if (problem) errors.push({ path: `${at}/certificateCode`, ...problem });
      else {
        const c = args.certificates!.get(p.certificateCode)!;
        reused.push({ materialCode: p.materialCode, certificateCode: c.verificationCode, proof: c.proof!, itemName: c.itemName, issuedOn: c.issuedOn });
      }
      return;
    }
    if (seenUploads.has(p.uploadId)) {
      errors.push({ path: `${at}/uploadId`, message: 'is already given for another material: one file, one material', rule: 'upload_given_twice' });
      return;
    }
    seenUploads.add(p.uploadId);
    const upload = uploads.get(p.uploadId);
    if (!upload) {
      errors.push({ path: `${at}/uploadId`, message: 'no such upload (request one with POST /v1/uploads)', rule: 'no_such_upload' });
      return;
    }
    if (upload.caseId && upload.caseId !== caseId) {
      errors.push({ path: `${at}/uploadId`, message: 'this upload is already part of another application', rule: 'upload_used' });
      return;
    }
    if (!material.contentTypes.includes(upload.contentType)) {
      errors.push({ path: `${at}/uploadId`, message: `${material.name.zh} must be one of ${material.contentTypes.join(', ')}`, rule: 'content_type', params: { material: material.name.zh, types: material.contentTypes.join('、') } });
    }
    if (upload.size > material.maxBytes) {
      errors.push({ path: `${at}/uploadId`, message: `${material.name.zh} may be at most ${material.maxBytes} bytes`, rule: 'max_bytes', params: { material: material.name.zh, maxBytes: material.maxBytes } });
    }
    materials.push({
      materialCode: p.materialCode,
      uploadId: p.uploadId,
      fileName: upload.fileName,
      contentType: upload.contentType,
      size: upload.size,
      sha256: upload.sha256,
    });
  });

  const deferred: DeferredMaterial[] = [];
  args.deferred.forEach((d, i) => {
    const at = `${prefix}/deferred/${i}`;
    const material = byCode.get(d.materialCode);
    if (!material) {
      errors.push({ path: `${at}/materialCode`, message: `${d.materialCode} is not a material of ${subject.code}`, rule: 'not_a_material', params: { materialCode: d.materialCode, subject: subject.name.zh } });
      return;
    }
    if (!material.deferrable) {
      errors.push({ path: `${at}/materialCode`, message: `${material.name.zh} cannot be supplied later`, rule: 'not_deferrable', params: { material: material.name.zh } });
      return;
    }
    if (seen.has(d.materialCode)) {
      errors.push({ path: `${at}/materialCode`, message: `${d.materialCode} is both supplied and deferred`, rule: 'supplied_and_deferred', params: { materialCode: d.materialCode } });
      return;
    }
    seen.add(d.materialCode);
    const latest = latestDueDate(d.materialCode);
    if (d.dueDate <= today || d.dueDate > latest) {
      errors.push({ path: `${at}/dueDate`, message: `must be after ${today} and not later than ${latest}`, rule: 'due_date_range', params: { today, latest } });
    } else if (!args.calendar.isWorkingDay(d.dueDate)) {
      // The window is closed that day: the material could not be supplied on it.
      errors.push({ path: `${at}/dueDate`, message: `${d.dueDate} is not a working day (a weekend or public holiday): choose a working day`, rule: 'not_working_day', params: { date: d.dueDate } });
    }
    deferred.push({
      materialCode: d.materialCode, dueDate: d.dueDate, commitmentAcceptedAt: now, status: 'open',
      ...(material.dueAfterIssue ? { dueAfterIssue: material.dueAfterIssue } : {}),
    });
  });

  for (const m of subject.materials) {
    if (m.required && !seen.has(m.code) && !args.alreadySupplied?.has(m.code)) {
      errors.push({
        path: `${prefix}/materials`,
        message: `${m.code} (${m.name.zh}) is required${m.deferrable ? ' or may be deferred with a commitment' : ''}`,
        rule: 'material_required',
        params: { materialCode: m.code, material: m.name.zh, deferrable: m.deferrable ? 1 : 0 },
      });
    }
  }
  return { materials, reused, deferred, errors };
}

/** Why a certificate cannot stand for this material, or undefined when it can. */
function certificateProblem(material: Material, code: string, found: LibraryCertificate | undefined, holder: { key: string; name: string } | undefined): Omit<FieldError, 'path'> | undefined {
  const params = { code, material: material.name.zh };
  if (!material.proof) return { message: `${material.name.zh} is not a proof; upload it`, rule: 'not_a_proof', params };
  if (!found || !holder || found.holderKey !== holder.key || found.holderName !== holder.name) {
    return { message: `${code} is not a certificate in the applicant's library`, rule: 'not_in_library', params };
  }
  if (found.status === 'pending') return { message: `${code} is not issued yet; upload ${material.name.zh}`, rule: 'certificate_not_issued', params };
  if (found.status !== 'valid') return { message: `${code} has been revoked; upload a current ${material.name.zh}`, rule: 'certificate_revoked', params };
  if (found.proof !== material.proof) return { message: `${code} is not a ${material.name.zh}`, rule: 'wrong_proof', params };
  return undefined;
}

export function checkDeliveryMode(subject: MaterialGuide, mode: DeliveryMode): FieldError[] {
  if (subject.deliveryModes.includes(mode)) return [];
  const physical = subject.physicalResults ?? [];
  const modes = subject.deliveryModes.join(', ');
  return mode === 'electronic' && physical.length > 0
    ? [{
        path: '/delivery/mode',
        message: `${physical.map((n) => `${n.en} (${n.zh})`).join(', ')} cannot be sent electronically: choose ${subject.deliveryModes.join(' or ')}`,
        rule: 'physical_result',
        params: { results: physical.map((n) => n.zh).join('、'), modes },
      }]
    : [{ path: '/delivery/mode', message: `${subject.name.zh} is delivered by ${modes} only`, rule: 'delivery_mode', params: { subject: subject.name.zh, modes } }];
}

/**
 * Trips this case costs: showing an original or collecting in person is one visit, and
 * both happen in the same visit, so never more than one.
 */
export function tripsFor(subject: MaterialGuide, materials: { materialCode: string }[], mode: DeliveryMode): 0 | 1 {
  const codes = new Set(materials.map((m) => m.materialCode));
  const originals = subject.materials.some((m) => m.originalRequired && codes.has(m.code));
  return originals || mode === 'pickup' ? 1 : 0;
}

/** The one-stage plan of a single item: its department reviews it within the promised limit. */
export function itemStages(item: ServiceItem): StagePlan[] {
  return planStages([
    {
      code: 'review',
      name: { zh: '审查决定', en: 'Review and decision' },
      limitDays: item.promisedLimitDays,
      mayStartEarly: false,
      items: [{ itemCode: item.baseCode, itemName: item.name, department: item.department }],
    },
  ]);
}

/** What a case is opened for: one item, or a bundle of items in stages. */
export interface CaseSubject {
  itemCode?: string;
  bundleCode?: string;
  name: { zh: string; en: string };
  stages: StagePlan[];
  trips: 0 | 1;
  /** Green channel: an agent may act for the applicant, free of charge. */
  green?: boolean;
  /** A bundle's answers to its situation questions. */
  answers?: SituationAnswers;
  /** Materials a bundle produces instead of asking. */
  produced?: ProducedRecord[];
}

/** The case an accepted submission opens, with its first timeline entry and event. */
export function openCase(args: {
  caseId: string;
  receiptNumber: string;
  queryCodeHash: string;
  county: string;
  catalogVersion: string;
  subject: CaseSubject;
  applicant: Applicant;
  form: Record<string, unknown>;
  materials: CaseMaterial[];
  reused?: ReusedCertificate[];
  deferred: DeferredMaterial[];
  delivery: Delivery;
  now: string;
  today: LocalDate;
  promisedDate: LocalDate;
  calendar: WorkingCalendar;
  /** The language the applicant applied in. @default zh-CN */
  language?: NotificationLanguage;
}): { record: CaseRecord; change: Change } {
  const { subject } = args;
  const record: CaseRecord = {
    caseId: args.caseId,
    receiptNumber: args.receiptNumber,
    queryCodeHash: args.queryCodeHash,
    county: args.county,
    catalogVersion: args.catalogVersion,
    itemCode: subject.itemCode,
    bundleCode: subject.bundleCode,
    ...(subject.answers ? { answers: subject.answers } : {}),
    ...(subject.produced?.length ? { produced: subject.produced } : {}),
    itemName: subject.name,
    departments: [...new Set(subject.stages.flatMap((s) => s.items.map((i) => i.department)))],
    stages: subject.stages,
    greenChannel: subject.green ?? false,
    flags: [],
    status: 'submitted',
    applicant: args.applicant,
    language: args.language ?? 'zh-CN',
    form: args.form,
    materials: args.materials,
    ...(args.reused?.length ? { reused: args.reused } : {}),
    deferred: args.deferred,
    delivery: args.delivery,
    submittedAt: args.now,
    submittedOn: args.today,
    promisedLimitDays: args.calendar.workingDaysBetween(args.today, args.promisedDate),
    promisedDate: args.promisedDate,
    trips: subject.trips,
    notices: [],
    correctionsUsed: 0,
    version: 1,
    timeline: { seq: 0, hash: GENESIS_HASH },
  };
  return {
    record,
    change: {
      case: { next: record, expectedVersion: null },
      tasks: [],
      timeline: [
        {
          at: args.now,
          actor: { type: 'applicant', id: args.receiptNumber },
          action: 'case.submitted',
          detail: {
            itemCode: subject.itemCode,
            bundleCode: subject.bundleCode,
            ...(subject.answers ? { answers: subject.answers } : {}),
            materials: args.materials.map((m) => m.materialCode),
            deferred: args.deferred.map((d) => ({ materialCode: d.materialCode, dueDate: d.dueDate })),
            delivery: args.delivery.mode,
          },
        },
      ],
      events: [
        {
          type: 'case.submitted',
          data: { ...caseSubmittedData(record) },
        },
      ],
    },
  };
}
