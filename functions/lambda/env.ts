import { ConfigurationError } from '../domain/errors.js';

/** Reads a required environment variable, trimmed; fails loudly when it is missing. */
export function requireEnv(name: string): string {
  const value = process.env[name]?.trim();
  if (!value) {
    throw new ConfigurationError(`Environment variable ${name} is not set`);
  }
  return value;
}

/** Reads an optional environment variable, trimmed, with a default. */
export function optionalEnv(name: string, fallback: string): string {
  return process.env[name]?.trim() || fallback;
}
