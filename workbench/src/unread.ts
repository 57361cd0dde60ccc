/**
 * Which staff messages are new to this staff member: those after the newest they have seen in
 * the messages view, remembered per user in this browser (localStorage). The shell counts
 * them for the navigation's badge; the messages view marks them seen when it shows them.
 */
const seenKey = (username: string) => `onetrip.workbench.messagesSeen.${username}`;

/** The event the messages view fires once it has shown the newest messages. */
export const MESSAGES_SEEN = 'wb-messages-seen';

export function markSeen(username: string, at: string): void {
  if (at > (localStorage.getItem(seenKey(username)) ?? '')) localStorage.setItem(seenKey(username), at);
}

/** How many of `messages` (newest first) came after the newest one seen. */
export function unreadCount(username: string, messages: readonly { at: string }[]): number {
  const seen = localStorage.getItem(seenKey(username)) ?? '';
  return messages.filter((m) => m.at > seen).length;
}
