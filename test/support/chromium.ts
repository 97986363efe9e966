/**
 * Debian's Chromium (`apt-get install -y chromium`) driven by playwright-core: no browser is downloaded. When it is
 * missing the browser tests fail with a message that says how to install it — they are never skipped.
 */
import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.YOSHIKI_CHROMIUM ?? '/usr/bin/chromium';

/** Quiet, offline, reproducible: nothing phones home and nothing updates itself during a test. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH))
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. The browser tests drive Debian's Chromium: install it with ` +
        '`apt-get update && apt-get install -y chromium` (or set YOSHIKI_CHROMIUM to another Chromium binary).',
    );
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}
