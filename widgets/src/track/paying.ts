/**
 * The case being paid for, kept for this tab while the applicant is at the payment
 * provider: the provider sends them back to the page without its query (the query code
 * never goes to the provider), and the tracker looks the case up again from here.
 */
const PAYING_KEY = 'onetrip.track.paying';
const PAYING_FOR_MS = 60 * 60 * 1000;

function session(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    // Storage may be blocked (sandboxed frames): the applicant types the codes again.
    return undefined;
  }
}

export function rememberPaying(receipt: string, queryCode: string): void {
  try {
    session()?.setItem(PAYING_KEY, JSON.stringify({ receipt, queryCode, at: Date.now() }));
  } catch {
    // Full or blocked: as above.
  }
}

/** The case remembered within the last hour, forgotten as it is taken. */
export function takePaying(): { receipt: string; queryCode: string } | undefined {
  const storage = session();
  const saved = storage?.getItem(PAYING_KEY);
  if (!storage || !saved) return undefined;
  storage.removeItem(PAYING_KEY);
  try {
    const { receipt, queryCode, at } = JSON.parse(saved) as { receipt?: unknown; queryCode?: unknown; at?: unknown };
    const fresh = typeof at === 'number' && Date.now() - at < PAYING_FOR_MS;
    return fresh && typeof receipt === 'string' && typeof queryCode === 'string' ? { receipt, queryCode } : undefined;
  } catch {
    return undefined;
  }
}
