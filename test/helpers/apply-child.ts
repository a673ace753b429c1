/**
 * Child process for crash tests: applies the plan at argv[3] in the workspace at argv[2] and,
 * when REGION_SYNC_TEST_CRASH_AFTER=<stepId>:<started|done> names a journal line, SIGKILLs
 * itself right after that line is durable — the harshest crash there is (no finally, no flush).
 */
import { readFile } from 'node:fs/promises';
import { setJournalHook } from '../../src-main/api/promotion/handlers';
import { makeHarness } from './promotion';

const [dir, planFile] = process.argv.slice(2);
const crashAt = process.env.REGION_SYNC_TEST_CRASH_AFTER;
if (crashAt)
  setJournalHook((step, state) => {
    if (`${step}:${state}` === crashAt) process.kill(process.pid, 'SIGKILL');
  });
const h = await makeHarness({ regions: [] }, { dir });
const plan = JSON.parse(await readFile(planFile, 'utf8'));
const reply = await h.api.call('plan.apply', { plan });
process.stdout.write(`${JSON.stringify(reply.ok ? { status: reply.value.status, runId: reply.value.runId } : { error: reply.error.code })}\n`);
