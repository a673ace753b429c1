// Fault injection, settable while a stack runs: latency, and "fail the Nth matching request" with
// a 500, a 429 + Retry-After, a connection reset, a request that is never answered, an HTML error
// page, a truncated body or an oversize body. Matching is by GraphQL operation name, top-level
// field, path or method.
import type { ServerResponse } from 'node:http';
import type { FaultKind, FaultMatch, FaultPlan, FaultRule } from './types';

export interface RequestFacts {
  method: string;
  path: string;
  operation?: string;
  fields: string[];
}

function matches(match: FaultMatch | undefined, req: RequestFacts): boolean {
  if (!match) return true;
  if (match.method && match.method.toUpperCase() !== req.method) return false;
  if (match.path && match.path !== req.path) return false;
  if (match.operation && match.operation !== req.operation) return false;
  if (match.field && !req.fields.includes(match.field)) return false;
  return true;
}

export class FaultController {
  private plan: FaultPlan = {};
  private seen: number[] = [];
  /** How many times each kind fired since the last set/clear. */
  readonly fired: Partial<Record<FaultKind, number>> = {};

  constructor(plan?: FaultPlan) {
    if (plan) this.set(plan);
  }

  /** Replaces the plan and restarts the Nth-request counters. */
  set(plan: FaultPlan): void {
    this.plan = { ...plan, rules: [...(plan.rules ?? [])] };
    this.seen = this.plan.rules!.map(() => 0);
    for (const k of Object.keys(this.fired)) delete this.fired[k as FaultKind];
  }

  /** Adds one rule, keeping the others and their counters. */
  add(rule: FaultRule): void {
    this.plan.rules = [...(this.plan.rules ?? []), rule];
    this.seen.push(0);
  }

  clear(): void {
    this.set({});
  }

  get current(): FaultPlan {
    return structuredClone(this.plan);
  }

  latencyFor(req: RequestFacts): number {
    return this.plan.latencyMs && matches(this.plan.latencyMatch, req) ? this.plan.latencyMs : 0;
  }

  /** Counts this request against every matching rule; returns the rule that fires, if any. */
  pick(req: RequestFacts): FaultRule | undefined {
    let chosen: FaultRule | undefined;
    (this.plan.rules ?? []).forEach((rule, i) => {
      if (!matches(rule.match, req)) return;
      const n = ++this.seen[i];
      const first = rule.nth ?? 1;
      const times = rule.times ?? 1;
      if (!chosen && n >= first && n < first + times) chosen = rule;
    });
    if (chosen) this.fired[chosen.kind] = (this.fired[chosen.kind] ?? 0) + 1;
    return chosen;
  }
}

const HTML_PAGE = `<!DOCTYPE html>
<html><head><title>502 Bad Gateway</title></head>
<body><center><h1>502 Bad Gateway</h1></center><hr><center>awselb/2.0</center></body></html>
`;

/** Writes the faulty answer. `normalBody` is what the request would have returned. */
export function applyFault(rule: FaultRule, res: ServerResponse, normalBody: () => Promise<string>): Promise<void> | void {
  const socket = res.socket;
  switch (rule.kind) {
    case 'status500':
      res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ message: 'Internal server error' }] }));
      return;
    case 'rateLimit':
      res.writeHead(429, { 'Content-Type': 'application/json', 'Retry-After': String(rule.retryAfterSeconds ?? 1) });
      res.end(JSON.stringify({ errors: [{ message: 'Too many requests' }] }));
      return;
    case 'reset':
      socket?.resetAndDestroy?.() ?? socket?.destroy();
      return;
    case 'timeout':
      // Never answer; the socket is destroyed when the stack closes.
      return;
    case 'html':
      res.writeHead(rule.status ?? 502, { 'Content-Type': 'text/html' });
      res.end(HTML_PAGE);
      return;
    case 'truncated':
      return normalBody().then((body) => {
        const bytes = Buffer.from(body);
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(bytes.length) });
        res.write(bytes.subarray(0, Math.max(1, Math.floor(bytes.length / 2))), () => socket?.destroy());
      });
    case 'oversize':
      return streamOversize(res, rule.oversizeBytes ?? 32 * 1024 * 1024);
  }
}

/** A syntactically valid JSON answer far larger than any real one, streamed without Content-Length. */
async function streamOversize(res: ServerResponse, bytes: number): Promise<void> {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  const chunk = 'x'.repeat(64 * 1024);
  const head = '{"data":{"padding":"';
  res.write(head);
  let sent = head.length;
  while (sent < bytes && !res.destroyed) {
    const ok = res.write(chunk);
    sent += chunk.length;
    if (!ok) await new Promise<void>((resolve) => {
      res.once('drain', resolve);
      res.once('close', resolve);
    });
  }
  if (!res.destroyed) res.end('"}}');
}
