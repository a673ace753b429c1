/** Locators for the drift and diff screens, by the roles and data attributes the UI exposes. */
import type { Locator, Page } from 'playwright-core';

export const DRIFT_STATES = ['same', 'differs', 'missing', 'extra', 'stale', 'unknown'] as const;

export function table(page: Page, kind: string): Locator {
  return page.locator(`section[data-kind="${kind}"]`);
}

export function cell(page: Page, kind: string, row: string, region: string): Locator {
  return table(page, kind).locator(`[role="row"][data-row="${row}"] [role="gridcell"][data-region="${region}"]`);
}

export function bodyRows(page: Page, kind: string): Locator {
  return table(page, kind).locator('[role="rowgroup"] [role="row"]');
}

/** The data-state of every rendered cell of a table. */
export async function renderedStates(page: Page, kind: string): Promise<string[]> {
  return table(page, kind)
    .locator('[role="gridcell"]')
    .evaluateAll((cells) => cells.map((c) => (c as HTMLElement).dataset.state ?? ''));
}
