/**
 * Output of a DiffReport, kept apart from comparison (dyff's model): plain text for terminals,
 * Markdown for a change ticket, and a JSON-safe object for `--json`. Every value shown passes
 * through maskSecrets first, so no format can leak a secret.
 */
import { dumpYaml } from '../yaml/codec';
import { maskSecrets } from './mask';
import type { Change, DiffReport, VersionTranslation } from './types';

export interface ReportMeta {
  left: string;
  right: string;
}

const MAX_VALUE_LINES = 30;
const SIGN: Record<Change['kind'], string> = { added: '+', removed: '-', changed: '~', moved: '↕' };

function shown(change: Change, side: 'left' | 'right'): unknown {
  return maskSecrets(change.path, change[side]);
}

/** A value as short text: scalars inline (strings quoted), structures as YAML, cut after N lines. */
function valueLines(value: unknown): string[] {
  if (value === undefined) return ['(absent)'];
  if (value === null || typeof value !== 'object') return [typeof value === 'string' ? JSON.stringify(value) : String(value)];
  const lines = dumpYaml(value).replace(/\n$/, '').split('\n');
  if (lines.length <= MAX_VALUE_LINES) return lines;
  return [...lines.slice(0, MAX_VALUE_LINES), `… (${lines.length - MAX_VALUE_LINES} more lines)`];
}

function lines(change: Change): string {
  const l = change.leftLine !== undefined ? `L${change.leftLine}` : '';
  const r = change.rightLine !== undefined ? `R${change.rightLine}` : '';
  return [l, r].filter(Boolean).join(' → ');
}

function countsLine(report: DiffReport): string {
  const s = report.summary;
  const ignored = s.ignored ? ` (${s.ignored} ignored)` : '';
  if (s.total === 0) return `No differences${ignored}.`;
  return `${s.total} change${s.total === 1 ? '' : 's'}: ${s.added} added, ${s.removed} removed, ${s.changed} changed, ${s.moved} moved${ignored}.`;
}

function translationText(t: VersionTranslation, meta: ReportMeta): string {
  const name = `${t.component}${t.isPublic ? '' : ' (private)'}`;
  if (t.basis === 'different-build') return `${name}: ${t.left} in ${meta.left} ≠ ${t.right} in ${meta.right} (different builds: check before promoting)`;
  const how = t.basis === 'signature' ? 'same signature' : t.basis === 'latest' ? 'LATEST resolves per region' : 'not verified';
  return `${name}: ${t.left} in ${meta.left} ≡ ${t.right} in ${meta.right} (${how})`;
}

export function formatReportText(report: DiffReport, meta: ReportMeta): string {
  const out: string[] = [`Semantic diff: ${meta.left} → ${meta.right}`, countsLine(report)];
  const write = (c: Change) => {
    const where = lines(c);
    const moved = c.kind === 'moved' ? ` (position ${c.from} → ${c.to})` : '';
    const ignored = c.ignored ? `  [ignored by "${c.ignoredBy}"]` : '';
    out.push(`${SIGN[c.kind]} ${c.path}${moved}${where ? `  ${where}` : ''}${ignored}`);
    if (c.kind === 'removed' || c.kind === 'changed') for (const line of valueLines(shown(c, 'left'))) out.push(`    - ${line}`);
    if (c.kind === 'added' || c.kind === 'changed') for (const line of valueLines(shown(c, 'right'))) out.push(`    + ${line}`);
  };
  const counted = report.changes.filter((c) => !c.ignored);
  const ignored = report.changes.filter((c) => c.ignored);
  if (counted.length) out.push('');
  counted.forEach(write);
  if (report.translations.length) {
    out.push('', 'Component versions (not drift):');
    for (const t of report.translations) out.push(`  ${translationText(t, meta)}`);
  }
  if (ignored.length) {
    out.push('', 'Ignored (not counted):');
    ignored.forEach(write);
  }
  return `${out.join('\n')}\n`;
}

// ---- Markdown ---------------------------------------------------------------------------------

/** Text for a table cell or a heading: no HTML, no table breaks, no stray emphasis. */
function mdText(text: string): string {
  return text.replace(/[\\`*_{}[\]<>|#!]/g, (c) => `\\${c}`).replace(/&/g, '&amp;').replace(/\r?\n/g, ' ');
}

/** An inline code span that survives backticks inside the text. */
function mdCode(text: string): string {
  const single = text.replace(/\r?\n/g, ' ');
  const longest = Math.max(0, ...(single.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = single.startsWith('`') || single.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${single}${pad}${fence}`;
}

function mdFence(body: string, lang = ''): string {
  const longest = Math.max(2, ...(body.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${body}\n${fence}`;
}

function mdValue(value: unknown): string {
  const ls = valueLines(value);
  return ls.length === 1 && ls[0].length <= 120 ? mdCode(ls[0]) : `\n\n${indent(mdFence(ls.join('\n'), 'yaml'), '   ')}\n`;
}

function indent(text: string, by: string): string {
  return text
    .split('\n')
    .map((l) => (l ? by + l : l))
    .join('\n');
}

function mdChange(c: Change, n: number): string {
  const where = lines(c);
  const head = `${n}. **${c.kind}** ${mdCode(c.path)}${c.kind === 'moved' ? ` — position ${c.from} → ${c.to}` : ''}${where ? ` (${where})` : ''}${
    c.ignored ? ` — ignored by ${mdCode(c.ignoredBy ?? '')}` : ''
  }`;
  const parts = [head];
  if (c.kind === 'removed' || c.kind === 'changed') parts.push(`   - left: ${mdValue(shown(c, 'left'))}`);
  if (c.kind === 'added' || c.kind === 'changed') parts.push(`   - right: ${mdValue(shown(c, 'right'))}`);
  return parts.join('\n');
}

export function formatReportMarkdown(report: DiffReport, meta: ReportMeta): string {
  const s = report.summary;
  const out: string[] = [
    `## Semantic diff: ${mdText(meta.left)} → ${mdText(meta.right)}`,
    '',
    countsLine(report),
    '',
    '| Change | Count |',
    '|---|---:|',
    `| Added | ${s.added} |`,
    `| Removed | ${s.removed} |`,
    `| Changed | ${s.changed} |`,
    `| Moved | ${s.moved} |`,
    `| **Total** | **${s.total}** |`,
    `| Ignored (not counted) | ${s.ignored} |`,
  ];
  const counted = report.changes.filter((c) => !c.ignored);
  if (counted.length) out.push('', '### Changes', '', counted.map((c, i) => mdChange(c, i + 1)).join('\n'));
  if (report.translations.length) {
    out.push(
      '',
      '### Component versions (not drift)',
      '',
      `| Component | Public | ${mdText(meta.left)} | ${mdText(meta.right)} | Basis |`,
      '|---|---|---|---|---|',
      ...report.translations.map(
        (t) => `| ${mdText(t.component)} | ${t.isPublic ? 'yes' : 'no'} | ${mdText(String(t.left))} | ${mdText(String(t.right))} | ${t.basis} |`,
      ),
    );
  }
  const ignored = report.changes.filter((c) => c.ignored);
  if (ignored.length) out.push('', '### Ignored (not counted)', '', ignored.map((c, i) => mdChange(c, i + 1)).join('\n'));
  out.push('', '_Secret values are masked (••••••)._');
  return `${out.join('\n')}\n`;
}

// ---- JSON -------------------------------------------------------------------------------------

export interface ReportJson {
  changes: Array<{
    kind: Change['kind'];
    path: string;
    left?: unknown;
    right?: unknown;
    leftLine?: number;
    rightLine?: number;
    from?: number;
    to?: number;
    ignored?: boolean;
    ignoredBy?: string;
  }>;
  summary: DiffReport['summary'];
  translations: VersionTranslation[];
}

/** The JSON-safe form for `--json` and files (an object; callers stringify). Secrets masked. */
export function reportToJson(report: DiffReport): ReportJson {
  return {
    changes: report.changes.map((c) => ({
      kind: c.kind,
      path: c.path,
      ...(c.left !== undefined ? { left: shown(c, 'left') } : {}),
      ...(c.right !== undefined ? { right: shown(c, 'right') } : {}),
      ...(c.leftLine !== undefined ? { leftLine: c.leftLine } : {}),
      ...(c.rightLine !== undefined ? { rightLine: c.rightLine } : {}),
      ...(c.from !== undefined ? { from: c.from, to: c.to } : {}),
      ...(c.ignored ? { ignored: true, ignoredBy: c.ignoredBy } : {}),
    })),
    summary: { ...report.summary },
    translations: report.translations.map((t) => ({ ...t })),
  };
}
