/** Every command module, in the order `--help` lists them. Each exports `register(program, cli)`. */
import type { RegisterCommand } from './kit';
import * as apply from './commands/apply';
import * as bundle from './commands/bundle';
import * as diff from './commands/diff';
import * as drift from './commands/drift';
import * as instances from './commands/instances';
import * as login from './commands/login';
import * as logout from './commands/logout';
import * as plan from './commands/plan';
import * as promote from './commands/promote';
import * as pull from './commands/pull';
import * as rollback from './commands/rollback';
import * as serve from './commands/serve';
import * as whoami from './commands/whoami';

export const commandModules: RegisterCommand[] = [
  diff.register,
  drift.register,
  instances.register,
  pull.register,
  promote.register,
  plan.register,
  apply.register,
  rollback.register,
  bundle.register,
  serve.register,
  login.register,
  logout.register,
  whoami.register,
];
