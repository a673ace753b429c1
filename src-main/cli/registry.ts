/** Every command module, in the order `--help` lists them. */
import type { RegisterCommand } from './kit';
import * as diff from './commands/diff';
import * as drift from './commands/drift';
import * as promote from './commands/promote';
import * as serve from './commands/serve';

export const commandModules: RegisterCommand[] = [diff.register, drift.register, promote.register, serve.register];
