// The sandboxes stage of startPlatform (platform.ts): whatever payment provider, courier and
// SMS and email senders a county is configured with, locally it pays, ships, texts and
// mails at the runtime's own sandboxes (sandbox-payments.ts, sandbox-courier.ts,
// sandbox-messages.ts), served under <url>/sandbox/. The payment and courier sandboxes sign
// with the template's secrets and are on when the template has theirs; the message sandbox
// is always on, and sends signed delivery receipts when the template has the SMS secret.
import type { IncomingMessage } from 'node:http';
import { jsonResponse, type HttpResponse } from './api-gateway.js';
import type { StageContext } from './platform-stage.js';
import { SANDBOX_COURIER_ROUTES, SandboxCourier, isSandboxCourierPath, stepIntervalFromEnv, type StepInterval } from './sandbox-courier.js';
import { SANDBOX_MESSAGE_ROUTES, SandboxMessages, isSandboxMessagePath } from './sandbox-messages.js';
import { SANDBOX_ROUTES, SandboxPayments } from './sandbox-payments.js';
import type { LocalSecret } from './secrets.js';
import type { Simulators } from './platform-simulators.js';
import { COURIER_PROVIDER_VARIABLE, PAYMENT_PROVIDERS_VARIABLE } from '../contracts/providers.js';

/**
 * The functions' provider variables that point them at the sandboxes instead: the payment
 * and courier sandboxes (PAYMENT_PROVIDERS, COURIER_PROVIDER_CONFIG) with the template's
 * secrets tagged for them, when it has them.
 */
export function sandboxProviderVariables(url: string, secrets: LocalSecret[]): Record<string, string> {
  const arnOf = (purpose: string) => secrets.find((secret) => secret.purpose === purpose)?.arn;
  const payment = arnOf('payment');
  const courier = arnOf('courier');
  return {
    ...(payment ? { [PAYMENT_PROVIDERS_VARIABLE]: JSON.stringify([{ provider: 'sandbox', url: `${url}/sandbox/payments`, secretArn: payment }]) } : {}),
    ...(courier ? { [COURIER_PROVIDER_VARIABLE]: JSON.stringify({ provider: 'sandbox', url: `${url}/sandbox/courier`, secretArn: courier }) } : {}),
    SMS_PROVIDER: 'sandbox',
    SMS_PROVIDER_URL: `${url}/sandbox/sms`,
    EMAIL_PROVIDER: 'sandbox',
    EMAIL_PROVIDER_URL: `${url}/sandbox/email`,
  };
}

export interface SandboxOptions {
  /** Milliseconds between two statuses of a courier shipment, or `manual`. @default ONETRIP_SANDBOX_COURIER_STEP_MS, else 1500 */
  courierStepMs?: StepInterval;
}

export interface Sandboxes {
  /** The /sandbox/... (and /local/messages) routes of the sandboxes that are on, and the /simulators/... ones. */
  routes: string[];
  /** Answers a request under /sandbox/ (404 for a sandbox that is off). */
  handle(request: IncomingMessage, path: string, body: Buffer): Promise<HttpResponse>;
  /** `GET /local/messages`: every SMS and email the message sandbox holds. */
  messages(query: URLSearchParams): HttpResponse;
  /** True while a sandbox callback is under way (`Platform.idle`). */
  readonly busy: boolean;
  /** Resumes the deliveries and shipments a restart interrupted; call once the gateway serves the callbacks' routes. */
  resume(): void;
}

export function startSandboxes(url: string, secrets: LocalSecret[], options: SandboxOptions, { paths, log, verbose, teardown }: StageContext, simulators?: Simulators): Sandboxes {
  const paymentSecret = secrets.find((secret) => secret.purpose === 'payment');
  const payments = paymentSecret ? new SandboxPayments({ baseUrl: url, secret: paymentSecret.value, stateFile: paths.sandboxPayments, log }) : undefined;
  if (!paymentSecret) verbose('no secret tagged onetrip:purpose=payment in the template: the sandbox payment provider is off');
  teardown.add(() => payments?.stop());
  const courierSecret = secrets.find((secret) => secret.purpose === 'courier');
  const courier = courierSecret
    ? new SandboxCourier({ baseUrl: url, secret: courierSecret.value, stepMs: options.courierStepMs ?? stepIntervalFromEnv(), stateFile: paths.sandboxCourier, log })
    : undefined;
  if (!courierSecret) verbose('no secret tagged onetrip:purpose=courier in the template: the sandbox courier is off');
  teardown.add(() => courier?.stop());
  const smsSecret = secrets.find((secret) => secret.purpose === 'sms');
  if (!smsSecret) verbose('no secret tagged onetrip:purpose=sms in the template: the message sandbox sends no delivery receipts');
  const messages = new SandboxMessages({ baseUrl: url, ...(smsSecret ? { receiptSecret: smsSecret.value } : {}), stateFile: paths.sandboxMessages, log });
  teardown.add(() => messages.stop());
  return {
    routes: [...(payments ? SANDBOX_ROUTES : []), ...(courier ? SANDBOX_COURIER_ROUTES : []), ...SANDBOX_MESSAGE_ROUTES, ...(simulators?.routes ?? [])],
    async handle(request, path, body) {
      if (path.startsWith('/simulators/')) return simulators ? simulators.handle(request, path, body) : jsonResponse(404, { message: 'Not Found' });
      if (isSandboxMessagePath(path)) return messages.handle(request, path, body);
      const provider = isSandboxCourierPath(path) ? courier : payments;
      return provider ? provider.handle(request, path, body) : jsonResponse(404, { message: 'Not Found' });
    },
    messages: (query) => messages.list(query),
    get busy() {
      return Boolean(payments?.busy || courier?.busy || messages.busy || simulators?.busy);
    },
    resume() {
      payments?.resume();
      courier?.resume();
      messages.resume();
    },
  };
}
