/** diff.item (the side-by-side view) and diff.report (text/markdown/json for a change ticket). */
import { alignSideBySide, type AlignOptions } from '../../core/align/side-by-side';
import { formatReportMarkdown, formatReportText, reportToJson } from '../../core/diff/format';
import { diffYaml, type DiffOptions } from '../../core/diff/semantic';
import type { AlignedRow, DiffReport } from '../../core/diff/types';
import { AppFailure } from '../../core/errors';
import { parseIgnoreRules, type IgnoreRule } from '../../core/ignore';
import type { ItemKind } from '../../core/model';
import { parseYaml } from '../../core/yaml/codec';
import type { Handler, OpenWorkspace, ServiceContext } from './context';
import { maskReport, maskRows } from './masking';
import { itemSide, type ItemSide } from './snapshot-access';

export function ignoreRulesOf(patterns: string[]): IgnoreRule[] {
  const rules = parseIgnoreRules(patterns);
  if (!rules.ok) throw new AppFailure(rules.error);
  return rules.value;
}

/** Semantic diff of two YAML texts; a text that does not parse fails with its file and line. */
export function diffTexts(
  leftText: string,
  rightText: string,
  opts: { kind: ItemKind; name: string; ignore: IgnoreRule[]; leftFile?: string; rightFile?: string; components?: DiffOptions['components'] },
): DiffReport {
  const left = parseYaml(leftText, { file: opts.leftFile });
  if (!left.ok) throw new AppFailure(left.error);
  const right = parseYaml(rightText, { file: opts.rightFile });
  if (!right.ok) throw new AppFailure(right.error);
  return diffYaml(left.value, right.value, { kind: opts.kind, name: opts.name, ignore: opts.ignore, ...(opts.components ? { components: opts.components } : {}) });
}

async function sides(ctx: ServiceContext, ws: OpenWorkspace, p: { kind: ItemKind; name: string; left: string; right: string }): Promise<[ItemSide, ItemSide]> {
  return Promise.all([itemSide(ctx, ws, p.left, p.kind, p.name), itemSide(ctx, ws, p.right, p.kind, p.name)]);
}

/** Both sides' components, so pinned numbers resolve to builds (translations by signature). */
export function sideComponents(left: Pick<ItemSide, 'components'>, right: Pick<ItemSide, 'components'>): DiffOptions['components'] {
  return { ...(left.components ? { left: left.components } : {}), ...(right.components ? { right: right.components } : {}) };
}

/** Lines as splitLines counts them (a final newline ends the last line), without splitting. */
export function lineCount(text: string): number {
  if (!text) return 0;
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return text.endsWith('\n') ? n - 1 : n;
}

export interface ItemDiffOptions {
  kind: ItemKind;
  name: string;
  ignore: IgnoreRule[];
  leftFile?: string;
  rightFile?: string;
  components?: DiffOptions['components'];
  align?: Pick<AlignOptions, 'context' | 'expand'>;
}

/**
 * Everything diff.item computes from the two texts: the masked report and the masked side-by-side
 * rows. Pure, so the bench times exactly this.
 */
export function diffItemWork(leftText: string, rightText: string, opts: ItemDiffOptions): { report: DiffReport; rows: AlignedRow[] } {
  const { align, ...diffOpts } = opts;
  const report = diffTexts(leftText, rightText, diffOpts);
  const rows = alignSideBySide(leftText, rightText, report, align);
  return { report: maskReport(report), rows: maskRows(rows, { left: leftText, right: rightText }) };
}

export const diffItem: Handler<'diff.item'> = async (p, ctx) => {
  const ws = await ctx.workspace();
  const [left, right] = await sides(ctx, ws, p);
  const { report, rows } = diffItemWork(left.text, right.text, {
    kind: p.kind,
    name: p.name,
    ignore: ignoreRulesOf(ws.config.ignore),
    leftFile: `${p.left}/${p.kind}/${p.name}`,
    rightFile: `${p.right}/${p.kind}/${p.name}`,
    components: sideComponents(left, right),
    align: { ...(p.context !== undefined ? { context: p.context } : {}), ...(p.expand ? { expand: p.expand } : {}) },
  });
  const side = (s: ItemSide) => ({ region: s.region, exists: s.exists, lineCount: lineCount(s.text), ...(s.capturedAt && { capturedAt: s.capturedAt }) });
  return { kind: p.kind, name: p.name, left: side(left), right: side(right), report, rows };
};

export function renderReport(report: DiffReport, format: 'text' | 'markdown' | 'json', title: { kind: ItemKind; name: string; left: string; right: string }): string {
  if (format === 'json') return JSON.stringify(reportToJson(report), null, 2);
  if (format === 'markdown') return formatReportMarkdown(report, title);
  return formatReportText(report, title);
}

export const diffReport: Handler<'diff.report'> = async (p, ctx) => {
  const ws = await ctx.workspace();
  const [left, right] = await sides(ctx, ws, p);
  const report = diffTexts(left.text, right.text, { kind: p.kind, name: p.name, ignore: ignoreRulesOf(ws.config.ignore), components: sideComponents(left, right) });
  return { text: renderReport(maskReport(report), p.format, p) };
};
