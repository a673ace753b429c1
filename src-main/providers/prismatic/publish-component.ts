/**
 * Publishing a component package to a stack (prismatic-api.md §2.9): skip when the stack's latest
 * version already has this package's signature; otherwise run `publishComponent` with the
 * component's definition, PUT the zip to the presigned URL (no auth header: the URL carries its
 * own), and wait until the stack lists the new version with our signature.
 *
 * The definition (actions, triggers, inputs…) is not inside the write: prism reads it by running
 * the package's index.js, which we refuse to do with code from another region or a bundle. It
 * comes from a manifest next to the package, `<package>.publish.json`, holding the variables of
 * the publishComponent mutation (definition, actions, triggers, dataSources, connections).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fail } from '../../core/errors';
import { validateStackUrl } from '../../core/stacks';
import type { RegionWrite, WriteOutcome } from '../../core/plan/types';
import type { OpContext } from '../../api/ports';
import type { GraphqlClient } from './graphql';
import type { HttpRequester } from './http';
import * as Q from './operations';

export interface ComponentPublisherDeps {
  gql: GraphqlClient;
  http: HttpRequester;
  regionId: string;
  sleep: (ms: number) => Promise<void>;
  /** How long to wait for the stack to finish processing an upload. */
  publishPollTries?: number;
  publishPollMs?: number;
}

type PublishComponentWrite = Extract<RegionWrite, { op: 'publishComponent' }>;

interface PublishManifest {
  definition: Record<string, unknown>;
  actions: unknown[];
  triggers?: unknown[];
  dataSources?: unknown[];
  connections?: unknown[];
}

async function readManifest(packageFile: string, region: string): Promise<PublishManifest> {
  const file = `${packageFile}.publish.json`;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    fail('UNSUPPORTED', `No publish manifest ${file} next to the component package.`, {
      region,
      file,
      hint: 'Publish the component with prism against this region (PRISMATIC_URL=<stack> prism components:publish), or add the manifest.',
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    fail('INVALID_INPUT', `${file} is not valid JSON.`, { region, file });
  }
  const m = value as Partial<PublishManifest>;
  if (!m || typeof m !== 'object' || typeof m.definition !== 'object' || !Array.isArray(m.actions))
    fail('INVALID_INPUT', `${file} must hold {definition, actions[, triggers, dataSources, connections]}.`, { region, file });
  return m as PublishManifest;
}

export async function publishComponent(w: PublishComponentWrite, deps: ComponentPublisherDeps, ctx?: OpContext): Promise<WriteOutcome> {
  const { gql, regionId: region } = deps;
  const found = await gql.query<{ components: { nodes: Array<{ id: string; versionNumber: number; signature?: string | null }> } }>(
    'findComponent',
    Q.FIND_COMPONENT,
    { key: w.key, public: w.isPublic },
    ctx,
  );
  const current = found.components.nodes[0];
  if (current?.signature && current.signature === w.signature)
    return { unchanged: true, version: current.versionNumber, remoteId: current.id, detail: 'signature matches' };
  if (w.isPublic)
    fail('UNSUPPORTED', `Public component "${w.key}" is Prismatic's own; its version in region "${region}" cannot be published by us.`, {
      region,
      hint: 'Public components update on each stack by themselves; wait for the stack to receive this version.',
    });
  if (!w.packageFile)
    fail('UNSUPPORTED', `Component "${w.key}" differs in region "${region}" and no package file was given to publish.`, {
      region,
      hint: `Publish it there with prism (PRISMATIC_URL=<stack> prism components:publish), then pull again.`,
    });

  const bytes = await readFile(w.packageFile).catch(() => fail('IO_ERROR', `Cannot read the component package ${w.packageFile}.`, { region, file: w.packageFile }));
  const signature = createHash('sha1').update(bytes).digest('hex');
  if (signature !== w.signature)
    fail('INVALID_INPUT', `The package ${w.packageFile} has signature ${signature}, not the ${w.signature} the plan was made for.`, {
      region,
      file: w.packageFile,
      hint: 'Use the exact build that was reviewed (prism zips are reproducible).',
    });
  const manifest = await readManifest(w.packageFile, region);

  const r = await gql.mutate<{ publishResult: { component: { id: string; versionNumber: number } | null; packageUploadUrl?: string | null } | null }>(
    `Publish of component "${w.key}"`,
    Q.PUBLISH_COMPONENT,
    { ...manifest, definition: { ...manifest.definition, key: w.key, public: false }, comment: `region-sync: package ${w.signature}` },
    'publishComponent',
    ctx,
  );
  const result = r.publishResult;
  if (!result?.component || !result.packageUploadUrl)
    fail('REMOTE_ERROR', `Region "${region}" accepted the publish of "${w.key}" without an upload URL.`, { region });
  const origin = /^[a-z]+:\/\/[^/]+/i.exec(result.packageUploadUrl)?.[0] ?? '';
  if (!validateStackUrl(origin).ok)
    fail('RESPONSE_INVALID', `Region "${region}" gave an upload URL that is neither https nor loopback.`, { region });

  const put = await deps.http(
    {
      method: 'PUT',
      url: result.packageUploadUrl,
      headers: { 'Content-Type': 'application/zip' },
      body: bytes,
      idempotent: true,
      what: `Upload of component "${w.key}"`,
    },
    ctx,
  );
  if (put.status < 200 || put.status >= 300)
    fail('REMOTE_ERROR', `Upload of component "${w.key}" to region "${region}" failed with HTTP ${put.status}.`, { region });

  // The stack processes the upload asynchronously (prism polls up to 10 times, 1 s apart).
  const version = result.component.versionNumber;
  const tries = deps.publishPollTries ?? 10;
  for (let n = 0; n < tries; n++) {
    const check = await gql.query<{ components: { nodes: Array<{ id: string; signature?: string | null }> } }>(
      'findComponentVersion',
      Q.FIND_COMPONENT_VERSION,
      { key: w.key, public: false, versionNumber: version },
      ctx,
    );
    if (check.components.nodes.some((c) => c.signature === w.signature)) return { version, remoteId: result.component.id };
    await deps.sleep(deps.publishPollMs ?? 1000);
  }
  fail('TIMEOUT', `Component "${w.key}" v${version} was uploaded to region "${region}" but did not appear with its signature in time.`, {
    region,
    hint: 'Pull again in a minute; the stack may still be processing the package.',
  });
}
