/**
 * The checks every catalog version must pass before it is published ("no approval outside
 * the list, no condition outside the guide"), and the ajv that compiles the items' form
 * schemas. Apart from functions/domain/catalog.ts so that reading a catalog does not load ajv.
 */
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type { CatalogSource, FeeItem, FeePoint, FeeRule, ItemType, ServiceItem } from '../../contracts/catalog.js';
import { registerFormats } from '../../contracts/formats.js';
import { APPLICANT_FIELD_PROPERTIES, APPLICANT_TYPES, FORM_ADDRESSES } from '../../contracts/cases.js';
import { validateBundle } from './bundles.js';
import { BASE_CODE, buildIndex } from './catalog.js';
import { notificationTemplateProblems } from './notification-templates.js';

const ITEM_TYPES = new Set<ItemType>([
  'administrative_licence',
  'public_service',
  'administrative_confirmation',
  'other',
]);
const LEVELS = new Set<string>(['city', 'county']);
const DELIVERY_MODES = new Set<string>(['courier', 'pickup', 'electronic']);
const CONTENT_TYPES = new Set(['application/pdf', 'image/jpeg', 'image/png']);
const ROUNDINGS = new Set(['ceil', 'floor', 'half_up']);
const JSON_POINTER = /^(\/[^/~]+)+$/;
const CAMEL_CASE = /^[a-z][a-zA-Z0-9]*$/;

/** The JSON Schema keywords a form schema may use; anything else is refused. */
const FORM_KEYWORDS = new Set([
  'type', 'properties', 'required', 'additionalProperties', 'title', 'description',
  'minLength', 'maxLength', 'pattern', 'minimum', 'maximum', 'enum', 'format', 'items',
  'minItems', 'maxItems', 'default', 'x-title-en', 'x-description-en', 'x-enum-en', 'x-applicant', 'x-applicant-type', 'x-address',
]);

let formAjv: Ajv | undefined;
/** Schemas already known to compile: validating a version again does not recompile them. */
const compiledSchemas = new Set<string>();

/**
 * The ajv that compiles form schemas: draft-07, strict, the standard formats, the three
 * custom formats and the annotation keywords — the configuration the API and the widgets
 * validate submissions with.
 */
export function formSchemaAjv(): Ajv {
  if (!formAjv) {
    formAjv = new Ajv({ strict: true, allErrors: true });
    addFormats.default(formAjv);
    registerFormats(formAjv);
  }
  return formAjv;
}

type SchemaNode = Record<string, unknown>;

const isRecord = (v: unknown): v is SchemaNode => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Keys in sorted order, so two equal materials serialise equally whatever their key order. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (isRecord(value)) {
    const keys = Object.keys(value).filter((k) => value[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${stableJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function checkText(text: unknown, where: string, problems: string[]): void {
  if (!isRecord(text) || typeof text.zh !== 'string' || typeof text.en !== 'string' || !text.zh.trim() || !text.en.trim()) {
    problems.push(`${where}: needs non-empty zh and en text`);
  }
}

/** A result's validity is long-term or a whole number of years (1–30) or months (1–120). */
function checkResultValidity(validity: unknown, where: string, problems: string[]): void {
  if (validity === 'long-term') return;
  const v = (typeof validity === 'object' && validity !== null ? validity : {}) as Record<string, unknown>;
  const keys = Object.keys(v);
  const [unit] = keys;
  const limit = unit === 'years' ? 30 : unit === 'months' ? 120 : 0;
  const n = unit === undefined ? undefined : v[unit];
  if (keys.length !== 1 || limit === 0 || typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > limit) {
    problems.push(`${where}: result validity must be "long-term", {"years": 1–30} or {"months": 1–120}, got ${JSON.stringify(validity)}`);
  }
}

function checkUnique(codes: string[], what: string, problems: string[]): void {
  const seen = new Set<string>();
  for (const code of codes) {
    if (seen.has(code)) problems.push(`${what} ${code}: duplicate code`);
    seen.add(code);
  }
}

const isFen = (n: unknown): boolean => Number.isSafeInteger(n) && (n as number) >= 0;

function checkFeeRule(rule: FeeRule, where: string, problems: string[]): void {
  const fen = (n: unknown, name: string) => {
    if (!isFen(n)) problems.push(`${where}: ${name} must be a whole number of fen ≥ 0, got ${String(n)}`);
  };
  const pointer = (field: unknown) => {
    if (typeof field !== 'string' || !JSON_POINTER.test(field)) {
      problems.push(`${where}: field must be a JSON pointer like /floorArea, got ${String(field)}`);
    }
  };
  switch (rule.kind) {
    case 'fixed':
      fen(rule.amountFen, 'amountFen');
      return;
    case 'per_unit':
      pointer(rule.field);
      fen(rule.fenPerUnit, 'fenPerUnit');
      checkText(rule.unit, `${where} unit`, problems);
      if (!ROUNDINGS.has(rule.rounding)) problems.push(`${where}: unknown rounding ${String(rule.rounding)}`);
      return;
    case 'tiered': {
      pointer(rule.field);
      checkText(rule.unit, `${where} unit`, problems);
      if (!Array.isArray(rule.tiers) || rule.tiers.length === 0) {
        problems.push(`${where}: a tiered fee needs at least one tier`);
        return;
      }
      let previous = -Infinity;
      rule.tiers.forEach((tier, i) => {
        fen(tier.amountFen, `tiers[${i}].amountFen`);
        const last = i === rule.tiers.length - 1;
        if (tier.upTo === null) {
          if (!last) problems.push(`${where}: only the last tier may have upTo null`);
        } else if (!(typeof tier.upTo === 'number' && tier.upTo > previous)) {
          problems.push(`${where}: tier upTo values must ascend`);
        } else {
          previous = tier.upTo;
          if (last) problems.push(`${where}: the last tier must have upTo null so every quantity has a price`);
        }
      });
      return;
    }
    case 'waived':
      pointer(rule.field);
      fen(rule.amountFen, 'amountFen');
      checkText(rule.condition, `${where} condition`, problems);
      return;
    default:
      problems.push(`${where}: unknown fee rule kind ${String((rule as { kind: unknown }).kind)}`);
  }
}

/** Keyword whitelist, camelCase property names, closed objects, English enum labels. */
function checkSchemaNode(node: unknown, path: string, where: string, problems: string[]): void {
  if (!isRecord(node)) {
    problems.push(`${where} formSchema${path}: must be an object`);
    return;
  }
  for (const key of Object.keys(node)) {
    if (!FORM_KEYWORDS.has(key)) problems.push(`${where} formSchema${path}: keyword ${key} is not allowed`);
  }
  if (node.type === 'object') {
    if (node.additionalProperties !== false) {
      problems.push(`${where} formSchema${path}: an object must have additionalProperties: false`);
    }
    const properties = isRecord(node.properties) ? node.properties : {};
    for (const [name, child] of Object.entries(properties)) {
      if (!CAMEL_CASE.test(name)) problems.push(`${where} formSchema${path}: property ${name} is not camelCase ASCII`);
      checkSchemaNode(child, `${path}/properties/${name}`, where, problems);
    }
  }
  if (node.type === 'array') checkSchemaNode(node.items, `${path}/items`, where, problems);
  // A field repeating the applicant or naming an address is a string the apply form can copy.
  const applicant = node['x-applicant'];
  if (applicant !== undefined && (node.type !== 'string' || !(APPLICANT_FIELD_PROPERTIES as readonly unknown[]).includes(applicant))) {
    problems.push(`${where} formSchema${path}: x-applicant must be one of ${APPLICANT_FIELD_PROPERTIES.join(', ')} on a string, got ${String(applicant)}`);
  }
  const kind = node['x-applicant-type'];
  if (kind !== undefined && (applicant === undefined || !(APPLICANT_TYPES as readonly unknown[]).includes(kind))) {
    problems.push(`${where} formSchema${path}: x-applicant-type must be one of ${APPLICANT_TYPES.join(', ')} on a field with x-applicant, got ${String(kind)}`);
  }
  const address = node['x-address'];
  if (address !== undefined && (node.type !== 'string' || !(FORM_ADDRESSES as readonly unknown[]).includes(address))) {
    problems.push(`${where} formSchema${path}: x-address must be one of ${FORM_ADDRESSES.join(', ')} on a string, got ${String(address)}`);
  }
  if (node['x-enum-en'] !== undefined) {
    const labels = node['x-enum-en'];
    if (!Array.isArray(node.enum) || !Array.isArray(labels) || labels.length !== node.enum.length) {
      problems.push(`${where} formSchema${path}: x-enum-en needs one English label per enum value`);
    }
  }
}

/** The schema of the form member a JSON pointer names, if every step along it is required. */
function requiredMemberSchema(schema: SchemaNode, pointer: string): SchemaNode | undefined {
  let node: SchemaNode = schema;
  for (const name of pointer.split('/').slice(1)) {
    const properties = node.properties;
    const required = node.required;
    if (!isRecord(properties) || !Array.isArray(required) || !required.includes(name)) return undefined;
    const child = properties[name];
    if (!isRecord(child)) return undefined;
    node = child;
  }
  return node;
}

function checkFormSchema(item: ServiceItem, where: string, fees: Map<string, FeeItem>, problems: string[]): void {
  const schema = item.formSchema;
  if (!isRecord(schema) || schema.type !== 'object') {
    problems.push(`${where}: formSchema must be a JSON Schema of type object`);
    return;
  }
  if (!Array.isArray(schema.required)) problems.push(`${where}: formSchema needs a required list`);
  const count = isRecord(schema.properties) ? Object.keys(schema.properties).length : 0;
  if (count < 1) problems.push(`${where}: formSchema has no properties`);
  checkSchemaNode(schema, '', where, problems);
  const text = JSON.stringify(schema);
  if (!compiledSchemas.has(text)) {
    const ajv = formSchemaAjv();
    try {
      ajv.compile(schema);
      compiledSchemas.add(text);
    } catch (error) {
      problems.push(`${where}: formSchema refused by ajv: ${(error as Error).message}`);
    } finally {
      ajv.removeSchema(schema);
    }
  }
  for (const code of item.fees) {
    const rule = fees.get(code)?.rule;
    if (!rule || rule.kind === 'fixed') continue;
    const member = requiredMemberSchema(schema, rule.field);
    const wanted = rule.kind === 'waived' ? ['boolean'] : ['number', 'integer'];
    if (!member || !wanted.includes(member.type as string)) {
      problems.push(`${where}: fee ${code} reads ${rule.field}, which is not a required ${wanted.join('/')} member of the form`);
    }
  }
  for (const code of item.fees) {
    const when = fees.get(code)?.chargedWhen;
    if (when && requiredMemberSchema(schema, when.field)?.type !== 'boolean') {
      problems.push(`${where}: fee ${code} is charged when ${when.field}, which is not a required boolean member of the form`);
    }
  }
}

/** Every problem of a catalog version; an empty list means it may be published. */
export function validateCatalog(source: CatalogSource): string[] {
  const problems: string[] = [];
  const { manifest } = source;

  if (!/^\d{4}\.\d{1,2}\.\d+$/.test(manifest.version)) {
    problems.push(`manifest: version ${manifest.version} is not YYYY.M.N`);
  }
  if (Number.isNaN(Date.parse(manifest.publishedAt))) {
    problems.push(`manifest: publishedAt ${manifest.publishedAt} is not a date-time`);
  }
  checkText(manifest.publisher, 'manifest publisher', problems);

  checkUnique(source.departments.map((d) => d.code), 'department', problems);
  for (const d of source.departments) {
    if (!/^[a-z][a-z0-9]{1,15}$/.test(d.code)) problems.push(`department ${d.code}: code must be short lowercase ASCII`);
    checkText(d.name, `department ${d.code} name`, problems);
    if (!d.account?.trim()) problems.push(`department ${d.code}: no settlement account`);
  }
  const departments = new Set(source.departments.map((d) => d.code));

  checkUnique(source.proofs.map((p) => p.code), 'proof', problems);
  for (const p of source.proofs) {
    if (!/^P\d{3}$/.test(p.code)) problems.push(`proof ${p.code}: code must be P + 3 digits`);
    checkText(p.name, `proof ${p.code} name`, problems);
    checkText(p.basis, `proof ${p.code} basis`, problems);
    if (p.issuer !== null && !departments.has(p.issuer)) problems.push(`proof ${p.code}: unknown issuer ${p.issuer}`);
  }

  checkUnique(source.intermediaries.map((i) => i.code), 'intermediary', problems);
  for (const i of source.intermediaries) {
    if (!/^I\d{3}$/.test(i.code)) problems.push(`intermediary ${i.code}: code must be I + 3 digits`);
    checkText(i.name, `intermediary ${i.code} name`, problems);
    checkText(i.basis, `intermediary ${i.code} basis`, problems);
    if (!departments.has(i.department)) problems.push(`intermediary ${i.code}: unknown department ${i.department}`);
  }

  checkUnique(source.fees.map((f) => f.code), 'fee', problems);
  for (const f of source.fees) {
    if (!/^F\d{3}$/.test(f.code)) problems.push(`fee ${f.code}: code must be F + 3 digits`);
    checkText(f.name, `fee ${f.code} name`, problems);
    checkText(f.basis, `fee ${f.code} basis`, problems);
    if (!departments.has(f.department)) problems.push(`fee ${f.code}: unknown department ${f.department}`);
    checkFeeRule(f.rule, `fee ${f.code}`, problems);
    if (f.chargedWhen !== undefined) {
      if (typeof f.chargedWhen.field !== 'string' || !JSON_POINTER.test(f.chargedWhen.field)) {
        problems.push(`fee ${f.code}: chargedWhen.field must be a JSON pointer like /relocation`);
      }
      checkText(f.chargedWhen.condition, `fee ${f.code} chargedWhen condition`, problems);
    }
  }
  // From the first version that states fee points, every item or bundle that charges states one.
  const statesFeePoints = source.items.some((i) => i.feePoint) || (source.bundles ?? []).some((b) => b.feePoint);

  // Not the cached index: a draft being validated may still be edited afterwards.
  const { proofs, fees, intermediaries } = buildIndex(source);
  checkUnique(source.items.map((i) => i.baseCode), 'item', problems);
  const materialDefinitions = new Map<string, { json: string; item: string }>();

  for (const item of source.items) {
    const where = `item ${item.baseCode}`;
    if (!BASE_CODE.test(item.baseCode)) problems.push(`${where}: base code must be 12 digits`);
    checkText(item.name, `${where} name`, problems);
    checkText(item.basis, `${where} basis`, problems);
    if (!ITEM_TYPES.has(item.type)) problems.push(`${where}: unknown type ${String(item.type)}`);
    if (!departments.has(item.department)) problems.push(`${where}: unknown department ${item.department}`);

    if (item.levels.length === 0 || item.levels.some((l) => !LEVELS.has(l)) || new Set(item.levels).size !== item.levels.length) {
      problems.push(`${where}: levels must be distinct values of city, county`);
    }
    if (item.conditions.length === 0) problems.push(`${where}: no conditions`);
    item.conditions.forEach((c, i) => checkText(c, `${where} conditions[${i}]`, problems));

    const limitsAreDays = Number.isInteger(item.legalLimitDays) && Number.isInteger(item.promisedLimitDays) && item.promisedLimitDays >= 1;
    if (!limitsAreDays) problems.push(`${where}: time limits must be whole working days ≥ 1`);
    if (item.promisedLimitDays > item.legalLimitDays) {
      problems.push(`${where}: promised limit ${item.promisedLimitDays} exceeds legal limit ${item.legalLimitDays}`);
    }

    const modes = item.deliveryModes;
    if (modes.some((m) => !DELIVERY_MODES.has(m)) || new Set(modes).size !== modes.length) {
      problems.push(`${where}: delivery modes must be distinct values of courier, pickup, electronic`);
    }
    if (!modes.includes('courier') && !modes.includes('electronic')) {
      problems.push(`${where}: results must be deliverable by courier or electronically`);
    }

    if (item.materials.length === 0) problems.push(`${where}: no materials`);
    checkUnique(item.materials.map((m) => m.code), `${where} material`, problems);
    for (const m of item.materials) {
      const mw = `${where} material ${m.code}`;
      if (!/^M\d{4}$/.test(m.code)) problems.push(`${mw}: code must be M + 4 digits`);
      checkText(m.name, `${mw} name`, problems);
      if (m.proof !== undefined && !proofs.has(m.proof)) problems.push(`${mw}: unknown proof ${m.proof}`);
      if (m.contentTypes.length === 0 || m.contentTypes.some((t) => !CONTENT_TYPES.has(t))) {
        problems.push(`${mw}: content types must be among ${[...CONTENT_TYPES].join(', ')}`);
      }
      if (!Number.isSafeInteger(m.maxBytes) || m.maxBytes <= 0) problems.push(`${mw}: maxBytes must be a positive whole number`);
      if (m.deferrable && !m.required) problems.push(`${mw}: only a required material can be deferred`);
      if (m.dueAfterIssue !== undefined) {
        checkText(m.dueAfterIssue, `${mw} dueAfterIssue`, problems);
        if (!m.deferrable) problems.push(`${mw}: only a deferrable material can be due after issue`);
      }
      const json = stableJson(m);
      const known = materialDefinitions.get(m.code);
      if (!known) materialDefinitions.set(m.code, { json, item: item.baseCode });
      else if (known.json !== json) {
        problems.push(`${mw}: defined differently from the same material in item ${known.item}`);
      }
    }

    const needsOriginal = item.materials.some((m) => m.originalRequired);
    if (item.trips === 0 && needsOriginal) {
      problems.push(`${where}: trips is 0 but a material's original must be shown at the window`);
    }
    if (item.trips === 1 && !needsOriginal) {
      problems.push(`${where}: trips is 1 but no material's original is required`);
    }
    if (item.trips !== 0 && item.trips !== 1) problems.push(`${where}: trips must be 0 or 1`);

    checkUnique(item.fees, `${where} fee`, problems);
    for (const code of item.fees) if (!fees.has(code)) problems.push(`${where}: unknown fee ${code}`);
    checkUnique(item.intermediaries, `${where} intermediary`, problems);
    for (const code of item.intermediaries) {
      if (!intermediaries.has(code)) problems.push(`${where}: unknown intermediary ${code}`);
    }

    checkFormSchema(item, where, fees, problems);
    checkFeePoint(item.feePoint, item.fees.length > 0, statesFeePoints, where, problems);
    if (item.result !== undefined) checkResultValidity(item.result.validity, where, problems);
    if (item.produces !== undefined) {
      const proof = proofs.get(item.produces);
      if (!proof) problems.push(`${where}: produces unknown proof ${item.produces}`);
      else if (proof.issuer !== item.department) problems.push(`${where}: produces ${item.produces}, which ${proof.issuer} issues, not ${item.department}`);
    }
    checkAssigns(source, item, where, problems);
    if (item.physicalResult !== undefined && typeof item.physicalResult !== 'boolean') problems.push(`${where}: physicalResult must be true or false`);
    if (item.singleSigner !== undefined && typeof item.singleSigner !== 'boolean') problems.push(`${where}: singleSigner must be true or false`);
    if (item.physicalResult === true && item.deliveryModes.includes('electronic')) {
      problems.push(`${where}: a physical result cannot be delivered electronically`);
    }
  }

  const bundles = source.bundles ?? [];
  checkUnique(bundles.map((b) => b.code), 'bundle', problems);
  for (const bundle of bundles) {
    problems.push(...validateBundle(source, bundle));
    const charges = bundle.stages.some((stage) => stage.items.some((code) => (source.items.find((i) => i.baseCode === code)?.fees.length ?? 0) > 0));
    checkFeePoint(bundle.feePoint, charges, statesFeePoints, `bundle ${bundle.code}`, problems);
  }
  if (source.notifications !== undefined) problems.push(...notificationTemplateProblems(source.notifications));
  return problems;
}

/**
 * The fields an item's approval assigns: distinct top-level properties that another item's
 * form asks for (so a bundle has something to leave out) and the item's own form does not.
 */
function checkAssigns(source: CatalogSource, item: ServiceItem, where: string, problems: string[]): void {
  if (item.assigns === undefined) return;
  if (!Array.isArray(item.assigns) || item.assigns.length === 0 || item.assigns.some((f) => typeof f !== 'string')) {
    problems.push(`${where}: assigns must be a non-empty list of form field names`);
    return;
  }
  checkUnique(item.assigns, `${where} assigned field`, problems);
  const membersOf = (other: ServiceItem) => {
    const properties = other.formSchema.properties;
    return typeof properties === 'object' && properties !== null ? Object.keys(properties) : [];
  };
  for (const field of item.assigns) {
    if (membersOf(item).includes(field)) problems.push(`${where}: assigns ${field}, which its own form asks for`);
    if (!source.items.some((other) => other !== item && membersOf(other).includes(field))) {
      problems.push(`${where}: assigns ${field}, which no other item's form asks for`);
    }
  }
}

function checkFeePoint(point: FeePoint | undefined, charges: boolean, required: boolean, where: string, problems: string[]): void {
  if (point === undefined) {
    if (charges && required) problems.push(`${where}: charges fees but states no feePoint`);
    return;
  }
  if (!charges) problems.push(`${where}: states a feePoint but charges no fee`);
  if (point.at !== 'acceptance' && point.at !== 'approval') problems.push(`${where}: feePoint.at must be acceptance or approval`);
  if (!Number.isInteger(point.dueWorkingDays) || point.dueWorkingDays < 1 || point.dueWorkingDays > 60) {
    problems.push(`${where}: feePoint.dueWorkingDays must be a whole number of working days from 1 to 60`);
  }
}
