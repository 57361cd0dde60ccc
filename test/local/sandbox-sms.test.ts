// The SMS sandbox of the local runtime: it keeps what the sandbox SMS sender posts and lists
// a phone's messages, newest first, across a restart; it refuses what is not a message.
import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SandboxSmsGateway } from '../../local/sandbox-sms.js';

const dir = mkdtempSync(join(tmpdir(), 'onetrip-sms-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const request = (method: string, url: string) => ({ method, url, headers: {} }) as IncomingMessage;
const json = (body: Buffer) => JSON.parse(body.toString('utf8'));
const message = (phone: string, code: string) =>
  Buffer.from(JSON.stringify({ phone, template: 'library_code', params: { code, minutes: 10 }, text: `验证码${code}` }));

describe('the SMS sandbox', () => {
  it('lists the messages sent to a phone, newest first, and still after a restart', async () => {
    // Prepare
    const stateFile = join(dir, 'sandbox-sms.json');
    const sms = new SandboxSmsGateway({ stateFile, log: () => {} });

    // Act
    const sent = [await sms.handle(request('POST', '/sandbox/sms/messages'), '/sandbox/sms/messages', message('13807305678', '111111'))];
    sent.push(await sms.handle(request('POST', '/sandbox/sms/messages'), '/sandbox/sms/messages', message('13907301234', '222222')));
    sent.push(await sms.handle(request('POST', '/sandbox/sms/messages'), '/sandbox/sms/messages', message('13807305678', '333333')));
    const restarted = new SandboxSmsGateway({ stateFile, log: () => {} });
    const listed = await restarted.handle(request('GET', '/sandbox/sms?phone=13807305678'), '/sandbox/sms', Buffer.alloc(0));

    // Assess
    expect(sent.map((r) => r.statusCode)).toEqual([202, 202, 202]);
    expect(listed.statusCode).toBe(200);
    expect(json(listed.body).messages.map((m: { params: { code: string } }) => m.params.code)).toEqual(['333333', '111111']);
  });

  it('refuses a listing without a phone and a message that is not one', async () => {
    const sms = new SandboxSmsGateway({ log: () => {} });
    const noPhone = await sms.handle(request('GET', '/sandbox/sms'), '/sandbox/sms', Buffer.alloc(0));
    const notJson = await sms.handle(request('POST', '/sandbox/sms/messages'), '/sandbox/sms/messages', Buffer.from('{'));
    const noText = await sms.handle(request('POST', '/sandbox/sms/messages'), '/sandbox/sms/messages', Buffer.from(JSON.stringify({ phone: '13807305678', template: 'x', params: {} })));
    expect([noPhone.statusCode, json(noPhone.body).error.code]).toEqual([400, 'PHONE_REQUIRED']);
    expect([notJson.statusCode, json(notJson.body).error.code]).toEqual([400, 'INVALID_JSON']);
    expect([noText.statusCode, json(noText.body).error.code]).toEqual([400, 'VALIDATION_FAILED']);
  });
});
