/** y/N on a terminal. Without a terminal there is nobody to ask: callers require --yes instead. */
import { createInterface } from 'node:readline/promises';
import type { Cli } from './kit';

export async function confirm(cli: Pick<Cli, 'stdin'>, question: string): Promise<boolean> {
  const rl = createInterface({ input: cli.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`${question} [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}
