// Lambda event filtering (an event source mapping's FilterCriteria): EventBridge-style
// patterns matched against each record; records no filter matches are not delivered.

type Pattern = Record<string, unknown>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses `FilterCriteria.Filters[].Pattern` (JSON strings). Empty → everything passes. */
export function parseFilters(criteria: unknown): Pattern[] {
  const filters = isRecord(criteria) && Array.isArray(criteria.Filters) ? criteria.Filters : [];
  return filters
    .map((filter: unknown) => (isRecord(filter) ? filter.Pattern : undefined))
    .filter((pattern): pattern is string => typeof pattern === 'string')
    .map((pattern) => JSON.parse(pattern) as Pattern);
}

function numericMatches(conditions: unknown[], value: unknown): boolean {
  if (typeof value !== 'number') return false;
  for (let i = 0; i + 1 < conditions.length; i += 2) {
    const bound = Number(conditions[i + 1]);
    const ok = { '=': value === bound, '<': value < bound, '<=': value <= bound, '>': value > bound, '>=': value >= bound }[String(conditions[i])];
    if (!ok) return false;
  }
  return true;
}

function leafMatches(rule: unknown, value: unknown): boolean {
  if (!isRecord(rule)) return value !== undefined && rule === value;
  if ('prefix' in rule) return typeof value === 'string' && value.startsWith(String(rule.prefix));
  if ('suffix' in rule) return typeof value === 'string' && value.endsWith(String(rule.suffix));
  if ('equals-ignore-case' in rule) return typeof value === 'string' && value.toLowerCase() === String(rule['equals-ignore-case']).toLowerCase();
  if ('numeric' in rule && Array.isArray(rule.numeric)) return numericMatches(rule.numeric, value);
  if ('anything-but' in rule) {
    const excluded = rule['anything-but'];
    if (value === undefined) return false;
    if (isRecord(excluded) && 'prefix' in excluded) return !(typeof value === 'string' && value.startsWith(String(excluded.prefix)));
    return !(Array.isArray(excluded) ? excluded : [excluded]).includes(value);
  }
  return false;
}

function fieldMatches(rules: unknown[], field: unknown): boolean {
  return rules.some((rule) => {
    if (isRecord(rule) && 'exists' in rule) return rule.exists ? field !== undefined : field === undefined;
    const values = Array.isArray(field) ? field : [field];
    return values.some((value) => leafMatches(rule, value));
  });
}

export function matchesPattern(pattern: Pattern, value: unknown): boolean {
  return Object.entries(pattern).every(([key, rule]) => {
    if (key === '$or' && Array.isArray(rule)) return rule.some((alternative) => isRecord(alternative) && matchesPattern(alternative, value));
    const field = isRecord(value) ? value[key] : undefined;
    if (Array.isArray(rule)) return fieldMatches(rule, field);
    if (isRecord(rule)) return matchesPattern(rule, field);
    return false;
  });
}

/** Whether `record` passes `filters` (any one matching is enough; none means all pass). */
export function passesFilters(filters: Pattern[], record: Record<string, unknown>): boolean {
  if (filters.length === 0) return true;
  let view = record;
  if (typeof record.body === 'string') {
    // For SQS, Lambda matches `body` as JSON when it parses as JSON.
    try {
      view = { ...record, body: JSON.parse(record.body) as unknown };
    } catch {
      view = record;
    }
  }
  return filters.some((pattern) => matchesPattern(pattern, view));
}
