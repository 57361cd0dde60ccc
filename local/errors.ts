// Errors of the local runtime: one base class with a code, one subclass per kind.

export class LocalRuntimeError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LocalRuntimeError';
    this.code = code;
  }
}

/** The template asks for something the local runtime cannot build. */
export class TemplateError extends LocalRuntimeError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('TEMPLATE_UNSUPPORTED', message, options);
    this.name = 'TemplateError';
  }
}

/** DynamoDB Local or fauxqs did not come up. */
export class EmulatorStartError extends LocalRuntimeError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('EMULATOR_START_FAILED', message, options);
    this.name = 'EmulatorStartError';
  }
}

export class UnknownFunctionError extends LocalRuntimeError {
  constructor(name: string) {
    super('UNKNOWN_FUNCTION', `no function named ${name} in the template`);
    this.name = 'UnknownFunctionError';
  }
}

/** The handler threw or returned a rejected promise; mirrors Lambda's error payload. */
export class FunctionError extends LocalRuntimeError {
  readonly errorType: string;
  readonly errorMessage: string;
  readonly trace: string[];
  constructor(functionName: string, payload: { errorType: string; errorMessage: string; trace?: string[] }) {
    super('FUNCTION_ERROR', `${functionName}: ${payload.errorType}: ${payload.errorMessage}`);
    this.name = 'FunctionError';
    this.errorType = payload.errorType;
    this.errorMessage = payload.errorMessage;
    this.trace = payload.trace ?? [];
  }
}

export class FunctionTimeoutError extends LocalRuntimeError {
  constructor(functionName: string, timeoutSeconds: number) {
    super('FUNCTION_TIMEOUT', `${functionName}: Task timed out after ${timeoutSeconds.toFixed(2)} seconds`);
    this.name = 'FunctionTimeoutError';
  }
}

/** `idle()` gave up: something kept working past its timeout. */
export class PlatformBusyError extends LocalRuntimeError {
  constructor(message: string) {
    super('PLATFORM_BUSY', message);
    this.name = 'PlatformBusyError';
  }
}

export class PlatformStoppedError extends LocalRuntimeError {
  constructor() {
    super('PLATFORM_STOPPED', 'the local platform has been stopped');
    this.name = 'PlatformStoppedError';
  }
}
