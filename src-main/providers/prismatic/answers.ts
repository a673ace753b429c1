/**
 * Reading what a stack answered. A wrong URL (a login page, a proxy's error page, a different
 * product) must say so plainly and name the region, not fail later with "Unexpected token <".
 */
import { fail } from '../../core/errors';
import type { HttpAnswer } from './http';

function looksLikeHtml(answer: HttpAnswer): boolean {
  if (/text\/html/i.test(answer.contentType)) return true;
  const head = answer.text.slice(0, 512).trimStart().toLowerCase();
  return head.startsWith('<!doctype') || head.startsWith('<html') || head.startsWith('<');
}

/** Parses a JSON answer, or fails with REGION_NOT_PRISMATIC (HTML) / RESPONSE_INVALID (anything else). */
export function classifyNonJson(answer: HttpAnswer, region: string, what: string): unknown {
  if (looksLikeHtml(answer))
    fail('REGION_NOT_PRISMATIC', `${what}: region "${region}" answered with an HTML page (HTTP ${answer.status}), not the Prismatic API.`, {
      region,
      hint: 'Check the region URL is the stack address (e.g. https://app.eu-west-1.prismatic.io) and that no proxy or login page is in the way.',
      details: { status: answer.status },
    });
  try {
    return JSON.parse(answer.text) as unknown;
  } catch {
    fail('RESPONSE_INVALID', `${what}: region "${region}" answered with something that is not JSON (HTTP ${answer.status}, ${answer.contentType || 'no content type'}).`, {
      region,
      hint: 'Check the region URL points at a Prismatic stack.',
      details: { status: answer.status },
    });
  }
}
