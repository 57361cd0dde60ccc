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

const parsedJson = new Map<string, { raw: string; value: unknown }>();

/**
 * A JSON environment variable the stack sets from the county's configuration, read by `fill`
 * (which fills in the defaults), parsed once per value; absent: `fallback`. Not JSON: a
 * configuration error, loudly, rather than silently different behaviour.
 */
export function jsonEnv<T>(name: string, fallback: T, fill: (value: Partial<T>) => T): T {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const seen = parsedJson.get(name);
  if (seen?.raw === raw) return seen.value as T;
  let value: Partial<T>;
  try {
    value = JSON.parse(raw) as Partial<T>;
  } catch (error) {
    throw new ConfigurationError(`Environment variable ${name} is not JSON`, { cause: error });
  }
  const filled = fill(value);
  parsedJson.set(name, { raw, value: filled });
  return filled;
}
