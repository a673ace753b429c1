/**
 * Reading text files we did not write (workspace configs, folder regions, bundles' contents):
 * the size is checked before reading so a huge file costs nothing, and bytes are decoded strictly
 * so bad UTF-8 is an error instead of silently becoming U+FFFD (baselines.md).
 */
import { readFile, stat } from 'node:fs/promises';
import { appError, err, ok, type Result } from '../../core/errors';
import { DEFAULT_YAML_LIMITS } from '../../core/yaml/codec';

export interface ReadTextOptions {
  maxBytes?: number;
  /** How the file is named in errors (e.g. relative to the workspace); default the path given. */
  displayName?: string;
}

const BOM = 0xfeff;

export async function readTextStrict(absPath: string, opts: ReadTextOptions = {}): Promise<Result<string>> {
  const file = opts.displayName ?? absPath;
  const maxBytes = opts.maxBytes ?? DEFAULT_YAML_LIMITS.maxBytes;
  let bytes: Buffer;
  try {
    const info = await stat(absPath);
    if (!info.isFile())
      return err(appError('IO_ERROR', `${file} is not a regular file.`, { file, hint: 'Point at a file, not a directory or device.' }));
    if (info.size > maxBytes)
      return err(
        appError('YAML_TOO_LARGE', `${file} is ${info.size} bytes, over the limit of ${maxBytes}.`, {
          file,
          hint: 'Check this is the right file; definitions and region files are far smaller.',
          details: { size: info.size, maxBytes },
        }),
      );
    bytes = await readFile(absPath);
  } catch (e) {
    return err(ioError(e, file));
  }
  // The file may have grown between stat and read.
  if (bytes.byteLength > maxBytes)
    return err(appError('YAML_TOO_LARGE', `${file} is over the limit of ${maxBytes} bytes.`, { file, details: { maxBytes } }));
  const nul = bytes.indexOf(0);
  if (nul !== -1)
    return err(
      appError('YAML_BINARY', `${file} holds a NUL byte (at byte ${nul}), so it is not a text file.`, {
        file,
        hint: 'Save it as plain UTF-8 text; binary and UTF-16 files cannot be read.',
        details: { offset: nul },
      }),
    );
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return err(
      appError('YAML_ENCODING', `${file} is not valid UTF-8.`, {
        file,
        hint: 'Re-save the file as UTF-8 (most editors offer "Save with encoding").',
      }),
    );
  }
  if (text.charCodeAt(0) === BOM) text = text.slice(1);
  return ok(text);
}

export function ioError(e: unknown, file: string) {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return appError('NOT_FOUND', `${file} does not exist.`, { file });
  if (code === 'EACCES' || code === 'EPERM')
    return appError('IO_ERROR', `${file} cannot be read: permission denied.`, { file, hint: 'Check the file permissions.' });
  const message = e instanceof Error ? e.message : String(e);
  return appError('IO_ERROR', `${file}: ${message}`, { file });
}
