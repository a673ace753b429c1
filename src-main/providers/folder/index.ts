export { FolderProvider, createFolderProvider, type FolderProviderEnv } from './provider';
export { writeFolderRegion, type WriteFolderRegionOptions } from './write-region';
export { encodeName, decodeName } from './names';
