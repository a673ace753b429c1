/**
 * The readable path of a change, e.g. `flows[Customer Sync].steps[API Call].inputs.url`.
 * Keys that would read ambiguously (dots, brackets, quotes, spaces at the ends, empty) are quoted
 * as JSON strings: `requiredConfigVars[Acme API].inputs."a.b"`; item names that contain brackets
 * or quotes, or are all digits (which would read as an index), likewise: `steps["[old]"]`. The
 * ignore-rule parser reads the same syntax back, so a path copied from a report works as a rule.
 */
import type { PathSegment } from './types';

const PLAIN_KEY = /^[^.[\]"\s](?:[^.[\]"]*[^.[\]"\s])?$/;
const PLAIN_ITEM = /^[^[\]"]+$/;

export function formatPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const seg of segments) {
    if (seg.type === 'key') {
      const text = PLAIN_KEY.test(seg.key) ? seg.key : JSON.stringify(seg.key);
      out += out === '' ? text : `.${text}`;
    } else if (seg.type === 'item') {
      out += PLAIN_ITEM.test(seg.key) && !/^\d+$/.test(seg.key) && seg.key !== '*' ? `[${seg.key}]` : `[${JSON.stringify(seg.key)}]`;
    } else {
      out += `[${seg.index}]`;
    }
  }
  return out;
}

export const keySeg = (key: string): PathSegment => ({ type: 'key', key });
export const itemSeg = (key: string, by: string): PathSegment => ({ type: 'item', key, by });
export const indexSeg = (index: number): PathSegment => ({ type: 'index', index });
