/**
 * Follows a case while its results travel: reads it again every 3 seconds, for about
 * three minutes, without the loading state; each reading replaces the case shown and what
 * changed is announced in the element's live region. It stops once the results arrive,
 * when another lookup starts, or when the element leaves the page, and carries on when
 * the element comes back.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CaseView } from '../../../contracts/cases.js';
import { paths, type OneTripApi } from '../shared/api.js';
import { handoverAnnouncement } from './handover-text.js';
import { inTransit } from './handover-state.js';
import type { Lookup } from './host.js';

const WATCH_EVERY_MS = 3000;
const WATCHES = 60;

type WatchHost = ReactiveControllerHost & HTMLElement & { readonly api: OneTripApi; announce(text: string): void };

export class CaseWatch implements ReactiveController {
  /** The case as last read again; it replaces the lookup's while set. */
  latest?: CaseView;
  private left = 0;
  private timer?: ReturnType<typeof setTimeout>;
  private abort?: AbortController;

  /** @param followed the lookup whose case is followed, while it stands */
  constructor(
    private readonly host: WatchHost,
    private readonly followed: () => Lookup | undefined,
  ) {
    host.addController(this);
  }

  /** A new lookup's case: follow it afresh, if its results are on their way. */
  follow(application: CaseView): void {
    this.latest = undefined;
    this.left = WATCHES;
    this.schedule(application);
  }

  hostConnected(): void {
    const shown = this.latest ?? this.followed()?.application;
    if (shown) this.schedule(shown);
  }

  hostDisconnected(): void {
    this.stop();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.abort?.abort();
    this.abort = undefined;
  }

  /** One more reading in a while, if the results are on their way and readings are left. */
  private schedule(application: CaseView): void {
    if (this.timer !== undefined || !this.host.isConnected || this.left <= 0 || !inTransit(application.handover)) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.left -= 1;
      void this.readAgain();
    }, WATCH_EVERY_MS);
  }

  private async readAgain(): Promise<void> {
    const lookup = this.followed();
    if (!lookup) return;
    const before = this.latest ?? lookup.application;
    const abort = (this.abort = new AbortController());
    try {
      const next = await this.host.api.get<CaseView>(paths.application(lookup.receipt, lookup.queryCode), abort.signal);
      if (abort.signal.aborted || this.followed() !== lookup) return;
      // An unchanged ticket keeps its object, so the fee ticket is not handed a copy every few seconds.
      if (JSON.stringify(next.ticket) === JSON.stringify(before.ticket)) next.ticket = before.ticket;
      const change = handoverAnnouncement(before.handover, next.handover);
      if (change) this.host.announce(change);
      this.latest = next;
      this.host.requestUpdate();
      this.schedule(next);
    } catch {
      // A missed reading: try again at the next tick.
      if (!abort.signal.aborted) this.schedule(before);
    }
  }
}
