export { createBundleIO } from './bundle-io';
export { listChecked, extractChecked, pathProblem, MAX_ENTRIES, MAX_ENTRY_BYTES } from './safe-tar';
