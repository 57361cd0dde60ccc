/**
 * One process for the tests that read Huarong County's synthesized stacks (test/infra/huarong.ts):
 * each file below declares its own tests; this file runs them on one synthesis.
 */
import './county-stack.cases.js';
import './edge.cases.js';
import './staff-directory.cases.js';
