/**
 * The local runtime's virtual clock (`POST /local/clock`, docs/supervision.md): a file in the
 * data dir holding how far the clock is moved from real time, whose path the runtime hands
 * every function in {@link LOCAL_CLOCK_VARIABLE}. Never set in a deployed stack, where every
 * function reads real time.
 */
export const LOCAL_CLOCK_VARIABLE = 'ONETRIP_LOCAL_CLOCK';

/** What the file holds. */
export interface LocalClockFile {
  /** Milliseconds added to real time (negative: the past). */
  offsetMs: number;
}
