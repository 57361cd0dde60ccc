// The sandbox courier, served by the local HTTP gateway under /sandbox/courier: what a
// postal courier's open platform does for OneTrip, simulated so delivery runs locally.
//
//   POST /sandbox/courier/shipments                         signed ShipmentRequest → 201 {waybillNumber} (the same shipmentId again → 200, same waybill)
//   GET  /sandbox/courier/shipments/{waybillNumber}         the shipment, its plan and the callbacks sent, with every attempt
//   POST /sandbox/courier/shipments/{waybillNumber}/advance the next status now, without waiting (local only, unsigned)
//
// Requests must carry X-OneTrip-Signature made with the courier's secret (the template's
// secret tagged onetrip:purpose=courier). After an order is accepted the courier calls back
// POST {platform}/v1/callbacks/courier, signed with that secret, one status every `stepMs`:
// accepted, picked_up, in_transit, out_for_delivery, then delivered; or failed when the
// recipient's address contains 「查无此人」 or the note is `fail`, returned when the note is
// `return`. Each callback is retried on network errors, 5xx and 409 with backoff, as the
// payment sandbox does (sandbox-shared.ts). State is kept in the data dir, so a
// restart resumes the shipments and the deliveries still being retried.
import { randomInt, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { CourierStatus, ShipmentRequest } from '../contracts/delivery.js';
import { jsonResponse, type HttpResponse } from './api-gateway.js';
import {
  apiError,
  CallbackSender,
  callbackView,
  ID,
  ID_MESSAGE,
  isResponse,
  readState,
  shanghaiIso,
  whenSigned,
  writeState,
  type CallbackRecord,
  type FieldError,
  type SignatureGuard,
} from './sandbox-shared.js';
import type { Log } from './types.js';

/** Where callbacks go, on the platform's own URL. */
export const COURIER_CALLBACK_PATH = '/v1/callbacks/courier';

/** The routes, as the platform index lists them. */
export const SANDBOX_COURIER_ROUTES = [
  'POST /sandbox/courier/shipments',
  'GET /sandbox/courier/shipments/{waybillNumber}',
  'POST /sandbox/courier/shipments/{waybillNumber}/advance',
];

/** Whether the gateway hands `path` to the sandbox courier rather than the payment sandbox. */
export function isSandboxCourierPath(path: string): boolean {
  return path === '/sandbox/courier' || path.startsWith('/sandbox/courier/');
}

/**
 * Milliseconds between two statuses of a shipment, or `manual` (only `/advance` moves
 * it). Read by the local runtime when `startPlatform`'s `sandboxCourierStepMs` is not given.
 */
export const STEP_MS_VARIABLE = 'ONETRIP_SANDBOX_COURIER_STEP_MS';

/** Slow enough to watch the tracker move during `npm start`. */
export const DEFAULT_STEP_MS = 1_500;

/** In a recipient's address: the parcel cannot be delivered. */
export const UNDELIVERABLE_MARK = '查无此人';

export type StepInterval = number | 'manual';

/** The step interval from {@link STEP_MS_VARIABLE}, else {@link DEFAULT_STEP_MS}. */
export function stepIntervalFromEnv(value = process.env[STEP_MS_VARIABLE]): StepInterval {
  const text = value?.trim();
  if (!text) return DEFAULT_STEP_MS;
  if (text === 'manual') return 'manual';
  const ms = Number(text);
  if (!Number.isInteger(ms) || ms < 0) throw new Error(`${STEP_MS_VARIABLE} must be a whole number of milliseconds or "manual", not "${text}"`);
  return ms;
}

/** What the courier says along with each status, as a courier's tracking shows it. */
const DETAIL: Record<CourierStatus, string> = {
  accepted: '已受理寄递订单',
  picked_up: '揽投员已揽收',
  in_transit: '离开岳阳市邮件处理中心，发往收件地',
  out_for_delivery: '正在投递，揽投员电话 13800000000',
  delivered: '已签收，本人签收',
  failed: `投递失败：${UNDELIVERABLE_MARK}`,
  returned: '收件人拒收，退回寄件人',
};

const MOVING: readonly CourierStatus[] = ['accepted', 'picked_up', 'in_transit', 'out_for_delivery'];

/** The statuses a shipment will go through, decided when it is accepted. */
export function planFor(request: Pick<ShipmentRequest, 'recipient' | 'note'>): CourierStatus[] {
  if (request.note === 'return') return [...MOVING, 'returned'];
  if (request.note === 'fail' || request.recipient.detail.includes(UNDELIVERABLE_MARK)) return [...MOVING, 'failed'];
  return [...MOVING, 'delivered'];
}

/**
 * An EMS-style waybill number (UPU S10): two letters, an eight-digit serial, its check
 * digit, and `CN`, e.g. `EA123456789CN`.
 */
export function waybillNumberOf(serial: number): string {
  const digits = String(serial).padStart(8, '0').slice(-8);
  const weights = [8, 6, 4, 2, 3, 5, 9, 7];
  const sum = [...digits].reduce((total, digit, i) => total + Number(digit) * weights[i]!, 0);
  const check = 11 - (sum % 11);
  return `EA${digits}${check === 10 ? 0 : check === 11 ? 5 : check}CN`;
}

export interface SandboxShipment extends ShipmentRequest {
  waybillNumber: string;
  createdAt: string;
  plan: CourierStatus[];
  /** How many statuses of `plan` have been sent. */
  sent: number;
  /** When the next status is due (absent when finished or stepping by hand). */
  nextAt?: string;
}

export interface SandboxCourierCallback extends CallbackRecord<CourierStatus> {
  waybillNumber: string;
}

interface SandboxCourierState {
  serial: number;
  shipments: SandboxShipment[];
  callbacks: SandboxCourierCallback[];
}

// ---- requests -------------------------------------------------------------------------

/** Checks a value at `path` (a JSON pointer), adding what is wrong to `fields`. */
type Check = (value: unknown, path: string, fields: FieldError[]) => void;

const text =
  (max: number): Check =>
  (value, path, fields) => {
    if (typeof value !== 'string' || value.trim() === '' || value.length > max) fields.push({ path, message: `a non-empty string of at most ${max} characters` });
  };

const id: Check = (value, path, fields) => {
  if (typeof value !== 'string' || !ID.test(value)) fields.push({ path, message: ID_MESSAGE });
};

const postalCode: Check = (value, path, fields) => {
  if (typeof value !== 'string' || !/^\d{6}$/.test(value)) fields.push({ path, message: 'six digits' });
};

const list =
  (item: Check, max: number): Check =>
  (value, path, fields) => {
    if (!Array.isArray(value) || value.length === 0 || value.length > max) fields.push({ path, message: `a list of 1 to ${max}` });
    else value.forEach((entry, i) => item(entry, `${path}/${i}`, fields));
  };

/** An object with exactly these members (API.md: unknown members are refused). */
const object =
  (required: Record<string, Check>, optional: Record<string, Check> = {}): Check =>
  (value, path, fields) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      fields.push({ path: path || '/', message: 'an object' });
      return;
    }
    const record = value as Record<string, unknown>;
    for (const [name, check] of Object.entries(required)) {
      if (name in record) check(record[name], `${path}/${name}`, fields);
      else fields.push({ path: `${path}/${name}`, message: 'required' });
    }
    for (const [name, check] of Object.entries(optional)) if (name in record) check(record[name], `${path}/${name}`, fields);
    for (const name of Object.keys(record)) if (!(name in required) && !(name in optional)) fields.push({ path: `${path}/${name}`, message: 'not allowed' });
  };

/** `ShipmentRequest` (contracts/delivery.ts), as the sandbox adapter sends it. */
const checkShipmentRequest = object(
  {
    shipmentId: id,
    receiptNumber: id,
    recipient: object(
      { recipient: text(50), phone: text(30), province: text(50), city: text(50), district: text(50), detail: text(200) },
      { postalCode },
    ),
    sender: object({ name: text(100), phone: text(30), address: text(200) }),
    contents: list(text(100), 50),
  },
  { note: text(200) },
);

function parseShipmentRequest(raw: string): ShipmentRequest | HttpResponse {
  let input: unknown;
  try {
    input = JSON.parse(raw);
  } catch {
    return apiError(400, 'INVALID_JSON', 'The body is not valid JSON');
  }
  const fields: FieldError[] = [];
  checkShipmentRequest(input, '', fields);
  return fields.length > 0 ? apiError(400, 'VALIDATION_FAILED', 'The request is not valid', fields) : (input as ShipmentRequest);
}

/** The request's members in a fixed order, to tell a replay from a reused id. */
function sameRequest(a: ShipmentRequest, b: ShipmentRequest): boolean {
  const canonical = (r: ShipmentRequest) =>
    JSON.stringify([
      r.shipmentId,
      r.receiptNumber,
      [r.recipient.recipient, r.recipient.phone, r.recipient.province, r.recipient.city, r.recipient.district, r.recipient.detail, r.recipient.postalCode ?? null],
      [r.sender.name, r.sender.phone, r.sender.address],
      r.contents,
      r.note ?? null,
    ]);
  return canonical(a) === canonical(b);
}

// ---- the courier ----------------------------------------------------------------------

export interface SandboxCourierOptions {
  /** The platform's URL: callbacks go to `{baseUrl}/v1/callbacks/courier`. */
  baseUrl: string;
  /** The secret shared with OneTrip: checks requests, signs callbacks. */
  secret: string;
  /** Milliseconds between two statuses, or `manual`. @default DEFAULT_STEP_MS (1500) */
  stepMs?: StepInterval;
  /** Where state is kept across restarts. @default memory only */
  stateFile?: string;
  log: Log;
  /** Waits before each retry of a callback. @default DEFAULT_RETRY_DELAYS_MS (1, 2, 4, 8, 15 s) */
  retryDelaysMs?: readonly number[];
}

export class SandboxCourier {
  private readonly shipments = new Map<string, SandboxShipment>();
  private readonly callbacks: SandboxCourierCallback[] = [];
  /** The next step's timer, by waybill number. */
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly sender: CallbackSender;
  private readonly guard: SignatureGuard;
  private serial: number;
  readonly stepMs: StepInterval;

  constructor(private readonly options: SandboxCourierOptions) {
    this.stepMs = options.stepMs ?? DEFAULT_STEP_MS;
    this.serial = randomInt(10_000_000, 90_000_000);
    const { secret, retryDelaysMs, log } = options;
    this.sender = new CallbackSender({ secret, retryDelaysMs, log, onChange: () => this.save() });
    this.guard = { secret, logName: 'sandbox courier', party: 'courier', log };
    const state = readState<SandboxCourierState>(options.stateFile);
    if (state) {
      this.serial = state.serial;
      for (const shipment of state.shipments) this.shipments.set(shipment.waybillNumber, shipment);
      this.callbacks.push(...state.callbacks);
    }
  }

  /**
   * True while a callback attempt is running (`Platform.idle`). A shipment waiting for its
   * next status is not busy: that is the courier's time, which idle() does not wait for.
   */
  get busy(): boolean {
    return this.sender.busy;
  }

  /** After a restart: resumes deliveries still pending and shipments still on their way. */
  resume(): void {
    for (const callback of this.callbacks) if (callback.outcome === 'pending') this.deliver(callback);
    for (const shipment of this.shipments.values()) if (shipment.sent < shipment.plan.length) this.scheduleNext(shipment, shipment.nextAt);
  }

  /** Stops retries and timers; what is pending stays pending in the state file. */
  async stop(): Promise<void> {
    const stopped = this.sender.stop();
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await stopped;
    this.save();
  }

  /** Answers a request under /sandbox/courier. */
  async handle(request: IncomingMessage, path: string, body: Buffer): Promise<HttpResponse> {
    const method = request.method ?? 'GET';
    if (path === '/sandbox/courier/shipments') {
      return method === 'POST' ? whenSigned(request, body, this.guard, (raw) => this.createShipment(raw)) : jsonResponse(405, { message: 'Method Not Allowed' });
    }
    const match = /^\/sandbox\/courier\/shipments\/([^/]+)(\/advance)?$/.exec(path);
    if (!match) return jsonResponse(404, { message: 'Not Found' });
    const waybillNumber = decodeURIComponent(match[1]!);
    const shipment = this.shipments.get(waybillNumber);
    const allowed = match[2] ? 'POST' : 'GET';
    if (method !== allowed && !(allowed === 'GET' && method === 'HEAD')) return jsonResponse(405, { message: 'Method Not Allowed' });
    if (!shipment) return apiError(404, 'UNKNOWN_WAYBILL', `No shipment ${waybillNumber} at the sandbox courier`);
    return match[2] ? this.advance(shipment) : jsonResponse(200, this.view(shipment));
  }

  private createShipment(raw: string): HttpResponse {
    const input = parseShipmentRequest(raw);
    if (isResponse(input)) return input;
    const existing = [...this.shipments.values()].find((shipment) => shipment.shipmentId === input.shipmentId);
    if (existing) {
      return sameRequest(existing, input)
        ? jsonResponse(200, { waybillNumber: existing.waybillNumber })
        : apiError(409, 'SHIPMENT_ID_REUSED', `Shipment ${input.shipmentId} exists with other details`);
    }
    let waybillNumber: string;
    do {
      this.serial = (this.serial + 1) % 100_000_000;
      waybillNumber = waybillNumberOf(this.serial);
    } while (this.shipments.has(waybillNumber));
    const { shipmentId, receiptNumber, recipient, sender, contents, note } = input;
    const shipment: SandboxShipment = {
      shipmentId,
      receiptNumber,
      recipient,
      sender,
      contents,
      ...(note !== undefined ? { note } : {}),
      waybillNumber,
      createdAt: new Date().toISOString(),
      plan: planFor(input),
      sent: 0,
    };
    this.shipments.set(waybillNumber, shipment);
    this.scheduleNext(shipment);
    this.save();
    this.options.log(`sandbox courier: shipment ${shipmentId} (${receiptNumber}) accepted as ${waybillNumber}, will end ${shipment.plan.at(-1)}`);
    return jsonResponse(201, { waybillNumber });
  }

  /** Sends the next status now, then answers once its first attempt has ended (or after 5 s). */
  private async advance(shipment: SandboxShipment): Promise<HttpResponse> {
    const callback = this.step(shipment);
    if (!callback) return apiError(409, 'SHIPMENT_FINISHED', `Shipment ${shipment.waybillNumber} is already ${shipment.plan.at(-1)}`);
    if (callback.attempts.length === 0) await this.sender.firstAttemptOf(callback);
    return jsonResponse(200, { waybillNumber: shipment.waybillNumber, callback: callbackView(callback), remaining: shipment.plan.slice(shipment.sent) });
  }

  /** Waits `stepMs` (or until `at`) and sends the next status; nothing when stepping by hand. */
  private scheduleNext(shipment: SandboxShipment, at?: string): void {
    clearTimeout(this.timers.get(shipment.waybillNumber));
    this.timers.delete(shipment.waybillNumber);
    delete shipment.nextAt;
    if (this.stepMs === 'manual' || shipment.sent >= shipment.plan.length || this.sender.stopped) return;
    const due = at ? Date.parse(at) : Date.now() + this.stepMs;
    shipment.nextAt = new Date(due).toISOString();
    const timer = setTimeout(() => {
      this.timers.delete(shipment.waybillNumber);
      this.step(shipment);
    }, Math.max(0, due - Date.now()));
    this.timers.set(shipment.waybillNumber, timer);
  }

  /** Sends the shipment's next status and schedules the one after; undefined when it has ended. */
  private step(shipment: SandboxShipment): SandboxCourierCallback | undefined {
    const status = shipment.plan[shipment.sent];
    if (!status) return undefined;
    shipment.sent += 1;
    const body = { eventId: randomUUID(), waybillNumber: shipment.waybillNumber, status, occurredAt: shanghaiIso(new Date()), detail: DETAIL[status] };
    const callback: SandboxCourierCallback = {
      eventId: body.eventId,
      waybillNumber: shipment.waybillNumber,
      status,
      url: `${this.options.baseUrl}${COURIER_CALLBACK_PATH}`,
      rawBody: JSON.stringify(body),
      attempts: [],
      outcome: 'pending',
    };
    this.callbacks.push(callback);
    this.scheduleNext(shipment);
    this.save();
    this.deliver(callback);
    return callback;
  }

  private deliver(callback: SandboxCourierCallback): void {
    this.sender.deliver(callback, `sandbox courier: callback ${callback.status} for ${callback.waybillNumber}`);
  }

  private view(shipment: SandboxShipment) {
    return {
      ...shipment,
      status: shipment.sent === 0 ? 'requested' : shipment.plan[shipment.sent - 1],
      stepMs: this.stepMs,
      callbacks: this.callbacks.filter((callback) => callback.waybillNumber === shipment.waybillNumber).map((callback) => callbackView(callback)),
    };
  }

  private save(): void {
    const state: SandboxCourierState = { serial: this.serial, shipments: [...this.shipments.values()], callbacks: this.callbacks };
    writeState(this.options.stateFile, state);
  }
}
