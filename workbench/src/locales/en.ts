/**
 * The workbench in English, keyed by message id (the Chinese is written in the elements).
 * Ids are grouped by where they are used: `app.*`, `nav.*`, `role.*`, `signIn.*`, `queue.*`, `case.*`, …
 */
import { str } from '@lit/localize';

export const templates = {
  'app.title': 'OneTrip workbench',
  'app.skip': 'Skip to main content',
  'app.signOut': 'Sign out',
  'app.navigation': 'Main navigation',
  'app.failed': 'The workbench could not start',
  'app.noView': 'Nothing to show',
  'app.noViewHint': 'Your role has no work in the workbench yet.',
  'common.loading': 'Loading…',
  'problem.network': 'The service could not be reached. Check your connection and try again.',
  'problem.prefix': 'Error: ',
  'nav.queue': 'Pre-review queue',
  'nav.agent': 'My green-channel cases',
  'nav.case': 'Case',
  'role.clerk': 'Window clerk',
  'role.reviewer': 'Department reviewer',
  'role.chief': 'Chief representative',
  'role.leader': 'Department leader',
  'role.agent': 'Agent',
  'role.supervisor': 'Supervisor',
  'role.admin': 'Administrator',
  'signIn.title': 'Sign in to the workbench',
  'signIn.local': 'Local runtime: choose one of the seeded staff members.',
  'signIn.cognito': 'Sign in with the county account',
  'queue.hint': 'Applications submitted and waiting for pre-review, oldest first.',
  'queue.empty': 'No application is waiting for pre-review.',
  'queue.caption': 'Applications waiting for pre-review',
  'queue.due': 'Pre-review due',
  'queue.late': str`${0} working days late`,
  'queue.remaining': str`${0} working days left`,
  'case.receipt': 'Receipt number',
  'case.item': 'Service',
  'case.applicant': 'Applicant',
  'case.submitted': 'Submitted',
  'case.green': 'Green channel',
};
