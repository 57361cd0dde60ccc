/**
 * The rules an application must meet before it becomes a case: only what the published
 * guide asks for ("no condition outside the guide"), every required material supplied
 * or deferred under a written commitment, and uploads that fit their material.
 */
import type { DeliveryMode, Material, ServiceItem } from '../../catalog/types.js';
import type { FieldError } from '../shared/errors.js';
import type { Applicant, CaseMaterial, CaseRecord, Change, DeferredMaterial, Delivery } from './case.js';
import type { LocalDate, WorkingCalendar } from './calendar.js';
import { planStages, type StagePlan } from './stages.js';
import { GENESIS_HASH } from './timeline.js';

/** What the material and delivery rules need of an item or a bundle. */
export interface MaterialGuide {
  code: string;
  name: { zh: string; en: string };
  materials: Material[];
  deliveryModes: DeliveryMode[];
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

export interface MaterialInput {
  materialCode: string;
  uploadId: string;
}

export interface DeferredInput {
  materialCode: string;
  dueDate: LocalDate;
  commitmentAccepted: true;
}

export interface MaterialCheck {
  materials: CaseMaterial[];
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
  now: string;
  /** In a correction, the materials already on the case count as supplied. */
  alreadySupplied?: ReadonlySet<string>;
  pathPrefix?: string;
}): MaterialCheck {
  const { subject, provided, uploads, caseId, today, latestDueDate, now } = args;
  const prefix = args.pathPrefix ?? '';
  const errors: FieldError[] = [];
  const byCode = new Map(subject.materials.map((m) => [m.code, m]));
  const seen = new Set<string>();
  const materials: CaseMaterial[] = [];

  provided.forEach((p, i) => {
    const at = `${prefix}/materials/${i}`;
    const material = byCode.get(p.materialCode);
    if (!material) {
      errors.push({ path: `${at}/materialCode`, message: `${p.materialCode} is not a material of ${subject.code}` });
      return;
    }
    if (seen.has(p.materialCode)) {
      errors.push({ path: `${at}/materialCode`, message: `${p.materialCode} is given twice` });
      return;
    }
    seen.add(p.materialCode);
    const upload = uploads.get(p.uploadId);
    if (!upload) {
      errors.push({ path: `${at}/uploadId`, message: 'no such upload (request one with POST /v1/uploads)' });
      return;
    }
    if (upload.caseId && upload.caseId !== caseId) {
      errors.push({ path: `${at}/uploadId`, message: 'this upload is already part of another application' });
      return;
    }
    if (!material.contentTypes.includes(upload.contentType)) {
      errors.push({ path: `${at}/uploadId`, message: `${material.name.zh} must be one of ${material.contentTypes.join(', ')}` });
    }
    if (upload.size > material.maxBytes) {
      errors.push({ path: `${at}/uploadId`, message: `${material.name.zh} may be at most ${material.maxBytes} bytes` });
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
      errors.push({ path: `${at}/materialCode`, message: `${d.materialCode} is not a material of ${subject.code}` });
      return;
    }
    if (!material.deferrable) {
      errors.push({ path: `${at}/materialCode`, message: `${material.name.zh} cannot be supplied later` });
      return;
    }
    if (seen.has(d.materialCode)) {
      errors.push({ path: `${at}/materialCode`, message: `${d.materialCode} is both supplied and deferred` });
      return;
    }
    seen.add(d.materialCode);
    const latest = latestDueDate(d.materialCode);
    if (d.dueDate <= today || d.dueDate > latest) {
      errors.push({ path: `${at}/dueDate`, message: `must be after ${today} and not later than ${latest}` });
    }
    deferred.push({ materialCode: d.materialCode, dueDate: d.dueDate, commitmentAcceptedAt: now, status: 'open' });
  });

  for (const m of subject.materials) {
    if (m.required && !seen.has(m.code) && !args.alreadySupplied?.has(m.code)) {
      errors.push({
        path: `${prefix}/materials`,
        message: `${m.code} (${m.name.zh}) is required${m.deferrable ? ' or may be deferred with a commitment' : ''}`,
      });
    }
  }
  return { materials, deferred, errors };
}

export function checkDeliveryMode(subject: MaterialGuide, mode: DeliveryMode): FieldError[] {
  return subject.deliveryModes.includes(mode)
    ? []
    : [{ path: '/delivery/mode', message: `${subject.name.zh} is delivered by ${subject.deliveryModes.join(', ')} only` }];
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
  deferred: DeferredMaterial[];
  delivery: Delivery;
  now: string;
  today: LocalDate;
  promisedDate: LocalDate;
  calendar: WorkingCalendar;
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
    itemName: subject.name,
    departments: [...new Set(subject.stages.flatMap((s) => s.items.map((i) => i.department)))],
    stages: subject.stages,
    greenChannel: subject.green ?? false,
    flags: [],
    status: 'submitted',
    applicant: args.applicant,
    form: args.form,
    materials: args.materials,
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
            materials: args.materials.map((m) => m.materialCode),
            deferred: args.deferred.map((d) => ({ materialCode: d.materialCode, dueDate: d.dueDate })),
            delivery: args.delivery.mode,
          },
        },
      ],
      events: [
        {
          type: 'case.submitted',
          data: { itemCode: subject.itemCode, bundleCode: subject.bundleCode, catalogVersion: args.catalogVersion },
        },
      ],
    },
  };
}
