// Opens the diagram page in Chromium (Debian's, driven by playwright-core), waits until the first model is drawn
// and takes a screenshot. Usable as a command or imported by end-to-end tests:
//
//   node e2e/open.mjs 'http://127.0.0.1:PORT/diagram.html?token=T&source=S' out.png [WIDTHxHEIGHT]
//   import { openDiagram } from './open.mjs'; const { browser, page, errors } = await openDiagram(url);
//
// CHROMIUM overrides the browser path (default /usr/bin/chromium). Exit code 1 when the diagram did not load.
import { chromium } from 'playwright-core';
import { pathToFileURL } from 'node:url';

/** Flags that keep Chromium off the network except for the page itself (the build machines have none). */
export const CHROMIUM_ARGS = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync'
];

/**
 * Launches Chromium, opens `url` and waits for `window.twinstudioDiagram.ready`. Resolves with the browser (close
 * it), the page, and the console errors and page errors seen so far (the array keeps filling).
 * Rejects with the page's own error (the text of its error panel) when the diagram cannot be shown.
 */
export async function openDiagram(url, { width = 1280, height = 800, timeout = 30000 } = {}) {
    const browser = await chromium.launch({
        executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
        headless: true,
        args: CHROMIUM_ARGS
    });
    const page = await browser.newPage({ viewport: { width, height } });
    const errors = [];
    page.on('console', message => message.type() === 'error' && errors.push(message.text()));
    page.on('pageerror', error => { errors.push(String(error)); if (process.env.TWIN_E2E_STACKS) console.error(error.stack); });
    try {
        await page.goto(url, { timeout });
        await page.waitForFunction(() => window.twinstudioDiagram !== undefined, undefined, { timeout });
        await page.evaluate(() => window.twinstudioDiagram.ready);
        return { browser, page, errors };
    } catch (error) {
        const panel = await page.locator('#twin-error').innerText({ timeout: 1000 }).catch(() => undefined);
        const failure = new Error(panel ? panel.replace(/\s+/g, ' ').trim() : String(error));
        failure.page = page;
        failure.browser = browser;
        throw failure;
    }
}

/** Counts of the model's element types, e.g. { 'node:component': 6, 'edge:connection': 6, ... }. */
export async function modelSummary(page) {
    return page.evaluate(() => {
        const counts = {};
        const visit = element => {
            counts[element.type] = (counts[element.type] ?? 0) + 1;
            (element.children ?? []).forEach(visit);
        };
        visit(window.twinstudioDiagram.modelRoot());
        return counts;
    });
}

async function main() {
    const [url, out = 'diagram.png', size = '1280x800'] = process.argv.slice(2);
    if (!url) {
        console.error('usage: node e2e/open.mjs URL [OUT.png] [WIDTHxHEIGHT]');
        process.exit(2);
    }
    const [width, height] = size.split('x').map(Number);
    const started = Date.now();
    try {
        const { browser, page, errors } = await openDiagram(url, { width, height });
        const loadMs = Date.now() - started;
        await page.screenshot({ path: out });
        console.log(JSON.stringify({ screenshot: out, loadMs, elements: await modelSummary(page), errors }, null, 1));
        await browser.close();
    } catch (error) {
        if (error.page) {
            await error.page.screenshot({ path: out }).catch(() => undefined);
            await error.browser.close();
        }
        console.error(`The diagram did not load: ${error.message}`);
        process.exit(1);
    }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
    await main();
}
