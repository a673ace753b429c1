/**
 * The intra-line highlight of a `changed` row. Most changed YAML lines differ in one value
 * (`url: https://a` → `url: https://b`), so the common head and tail are cut off first (at word
 * boundaries, so a half-changed word is highlighted whole) and jsdiff's word diff only sees the
 * middle. Very long middles (minified JSON in a block scalar, base64) skip the word diff: the
 * whole middle is marked, which is still correct, only coarser.
 */
import { diffWordsWithSpace } from 'diff';
import type { Segment } from '../diff/types';

/** Longest middle (characters per side) worth a word diff. */
const MAX_WORD_DIFF_CHARS = 2_000;
/** Bounded by edit length only, never by time: the same lines must always highlight the same way. */
const WORD_DIFF_BUDGET = { maxEditLength: 200 };

const isWordChar = (code: number): boolean =>
  (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code > 127;

/** ASCII word characters only: one token for jsdiff's word split (which breaks at \b and spaces). */
function isOneWord(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95)) return false;
  }
  return true;
}

function push(out: Segment[], text: string, changed: boolean): void {
  if (text === '') return;
  const last = out[out.length - 1];
  if (last && last.changed === changed) last.text += text;
  else out.push({ text, changed });
}

export function wordSegments(left: string, right: string): { left: Segment[]; right: Segment[] } {
  const max = Math.min(left.length, right.length);
  let head = 0;
  while (head < max && left.charCodeAt(head) === right.charCodeAt(head)) head++;
  // Back off to a word boundary so `chg12` → `chg1234` highlights the whole token.
  while (head > 0 && isWordChar(left.charCodeAt(head - 1)) && (isWordChar(left.charCodeAt(head)) || isWordChar(right.charCodeAt(head)))) head--;
  let tail = 0;
  while (tail < max - head && left.charCodeAt(left.length - 1 - tail) === right.charCodeAt(right.length - 1 - tail)) tail++;
  while (
    tail > 0 &&
    isWordChar(left.charCodeAt(left.length - tail)) &&
    (isWordChar(left.charCodeAt(left.length - tail - 1)) || isWordChar(right.charCodeAt(right.length - tail - 1)))
  )
    tail--;

  const leftMid = left.slice(head, left.length - tail);
  const rightMid = right.slice(head, right.length - tail);
  const leftOut: Segment[] = [];
  const rightOut: Segment[] = [];
  push(leftOut, left.slice(0, head), false);
  push(rightOut, right.slice(0, head), false);

  // Two middles that are one word each share no word: jsdiff would mark both whole, as this does.
  const parts =
    leftMid.length <= MAX_WORD_DIFF_CHARS && rightMid.length <= MAX_WORD_DIFF_CHARS && leftMid !== '' && rightMid !== '' && !(isOneWord(leftMid) && isOneWord(rightMid))
      ? diffWordsWithSpace(leftMid, rightMid, WORD_DIFF_BUDGET)
      : undefined;
  if (parts === undefined) {
    push(leftOut, leftMid, true);
    push(rightOut, rightMid, true);
  } else {
    for (const part of parts) {
      if (!part.added) push(leftOut, part.value, part.removed);
      if (!part.removed) push(rightOut, part.value, part.added);
    }
  }

  push(leftOut, left.slice(left.length - tail), false);
  push(rightOut, right.slice(right.length - tail), false);
  return { left: leftOut, right: rightOut };
}
