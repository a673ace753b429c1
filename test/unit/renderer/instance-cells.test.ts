/** The words and actions of one instance cell on the Instances screen. */
import { describe, expect, it } from 'vitest';
import { actionsFor, stateWords, versionWords } from '../../../src-renderer/src/components/instances/instanceWords';
import type { InstanceCellView } from '../../../src-main/core/instances/types';

const cell = (over: Partial<InstanceCellView>): InstanceCellView => ({
  region: 'us',
  version: 3,
  latest: 3,
  behind: false,
  enabled: true,
  deployed: true,
  needsDeploy: false,
  state: 'running',
  configVars: [],
  differs: [],
  unsetSecrets: [],
  ...over,
});

describe('instance cell words', () => {
  it('shows the region latest only when the instance is behind', () => {
    expect(versionWords(cell({ version: 2, latest: 5, behind: true }))).toBe('v2 (latest v5)');
    expect(versionWords(cell({}))).toBe('v3');
    expect(versionWords(cell({ version: null, latest: null }))).toBe('no version');
  });

  it('says paused and whether a deploy is needed', () => {
    expect(stateWords(cell({ enabled: false }))).toEqual({ run: 'paused', deploy: 'deployed' });
    expect(stateWords(cell({ needsDeploy: true }))).toEqual({ run: 'enabled', deploy: 'needs deploy' });
    expect(stateWords(cell({ deployed: false }))).toEqual({ run: 'enabled', deploy: 'not deployed' });
  });

  it('offers upgrade only when behind or undeployed, pin only above v1, pause xor unpause', () => {
    expect(actionsFor(cell({}))).toEqual({ upgrade: false, pin: true, pause: true, unpause: false });
    expect(actionsFor(cell({ version: 2, behind: true, enabled: false }))).toEqual({ upgrade: true, pin: true, pause: false, unpause: true });
    expect(actionsFor(cell({ version: 1, latest: 1, needsDeploy: true }))).toEqual({ upgrade: true, pin: false, pause: true, unpause: false });
  });
});
