/**
 * Debian's chromium driven by playwright-core, as the console's users meet it: headless, with a fresh profile
 * and none of the background traffic this closed network refuses. Without chromium the test fails and says so:
 * nothing is skipped in silence.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { ROOT } from './dist';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Where the screenshots the README shows are written. */
export const DOCS = join(ROOT, 'docs');

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** `locale`: the browser's interface language (Vietnamese, as in the offices, unless a test says otherwise). */
export async function launchBrowser(locale = 'vi-VN'): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`chromium not found at ${CHROMIUM}: install it (apt-get install chromium, as .ci/run does) or set CHROMIUM_PATH`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'bloc-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: { width: 1366, height: 768 },
    locale,
  });
  mkdirSync(DOCS, { recursive: true });
  return {
    context,
    page: context.pages()[0] ?? (await context.newPage()),
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
