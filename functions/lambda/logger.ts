import { Logger } from '@aws-lambda-powertools/logger';

/**
 * One logger per execution environment. Personal data (names, ID numbers, phones,
 * addresses) is never passed to it: log case ids, receipt numbers and codes only.
 */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'onetrip' });
