/**
 * One process and one protocol-mode platform (protocol-platform.ts) for the real providers'
 * integration tests (issue 17): each file below declares its own tests.
 */
import { afterAll } from 'vitest';
import { stopProtocolPlatform } from './protocol-platform.js';
import './alipay.cases.js';
import './wechatpay.cases.js';
import './sf-express.cases.js';

afterAll(stopProtocolPlatform);
