// Measures the diagram page in Chromium against a running server (`twinstudio serve --web FILE.twin` prints the
// page URL): opening (navigation to the first model drawn, several times) and moves (a changeBounds operation
// dispatched in the page to the moved node drawn at its new place), as median and p90.
//
//   node e2e/bench.mjs URL [--opens N] [--moves N] [--cold] [--json]
//
// Opens are tabs of one browser profile (the cache warm after the first, as when a user opens diagrams again);
// --cold gives each open a fresh profile, as a first visit.
//
// Use a laid-out twin (`twinstudio bench-diagram --save FILE`): moves pick placed components. CHROMIUM overrides
// the browser path. Each open is a fresh page (a new client session on the server).
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, modelSummary } from './open.mjs';

function option(args, name, fallback) {
    const at = args.indexOf(name);
    return at >= 0 ? Number(args[at + 1]) : fallback;
}

function percentile(values, p) {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

function stats(values) {
    return { median: percentile(values, 0.5), p90: percentile(values, 0.9), max: Math.max(...values), runs: values };
}

/**
 * Opens `url` in a new page of `context` and returns the page and the time from navigation start to the first model
 * drawn. Pages of one context share the browser's cache, as tabs of a user's browser do; a fresh context per page
 * (`--cold`) measures a first visit.
 */
async function openTimed(context, url) {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', error => errors.push(String(error)));
    // Note when `ready` resolves, on the page's own clock (0 = navigation start).
    await page.addInitScript(() => {
        let hook;
        Object.defineProperty(window, 'twinstudioDiagram', {
            configurable: true,
            get: () => hook,
            set: value => {
                hook = value;
                value.ready.then(() => (window.twinstudioReadyAt = performance.now()), () => undefined);
            }
        });
    });
    await page.goto(url, { timeout: 60000 });
    await page.waitForFunction(() => window.twinstudioDiagram !== undefined, undefined, { timeout: 60000 });
    await page.evaluate(() => window.twinstudioDiagram.ready);
    const readyMs = await page.evaluate(() => window.twinstudioReadyAt);
    // An open counts only if the first view shows the twin: components and connections in the DOM.
    const shown = await page.evaluate(() => ({
        components: document.querySelectorAll('g.twin-component').length,
        connections: document.querySelectorAll('g.twin-connection').length
    }));
    if (shown.components === 0) {
        throw new Error('the first view of the twin shows no component');
    }
    return { page, readyMs, shown, errors };
}

/**
 * In the page: moves `count` random placed components by 20 units, one at a time. Each time from dispatching the
 * operation to the node's element carrying its new place in the DOM (patched), and to the next frame after that
 * (painted).
 */
async function movesTimed(page, count) {
    return page.evaluate(async count => {
        const hook = window.twinstudioDiagram;
        const root = hook.modelRoot();
        const placed = root.children.filter(child => child.type === 'node:component' && child.position && child.size);
        if (placed.length === 0) {
            throw new Error('no placed components: open a laid-out twin (twinstudio bench-diagram --save FILE)');
        }
        // Work at 100 % around the leftmost component, as when editing: sprotty draws only what is in view.
        const anchor = placed.reduce((a, b) => (b.position.x < a.position.x ? b : a));
        const left = anchor.position.x;
        const top = anchor.position.y;
        await hook.dispatch({
            kind: 'viewport',
            elementId: root.id,
            newViewport: { scroll: { x: left - 40, y: top - 40 }, zoom: 1 },
            animate: false
        });
        await new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
        // Its DOM ids are the widget's prefix followed by the model id.
        const drawnIds = new Set([...document.querySelectorAll('g.twin-component[id]')].map(g => g.id));
        const probe = [...drawnIds][0];
        const first = probe && placed.find(node => probe.endsWith('_' + node.id));
        if (!first) {
            throw new Error('no component is drawn');
        }
        const prefix = probe.substring(0, probe.length - first.id.length);
        // Only components well inside the view: a move must not carry one out of it, where it is not drawn.
        const inside = node => node.position.x >= left - 40 && node.position.x + node.size.width <= left - 40 + 880
            && node.position.y >= top - 40 && node.position.y + node.size.height <= top - 40 + 400;
        const nodes = placed.filter(node => drawnIds.has(prefix + node.id) && inside(node));
        if (nodes.length === 0) {
            throw new Error('no component lies well inside the view');
        }
        let seed = 7;
        const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
        const nextFrame = () => new Promise(resolve => requestAnimationFrame(() => resolve()));
        const patched = [];
        const painted = [];
        for (let i = 0; i < count; i++) {
            const node = nodes[Math.floor(random() * nodes.length)];
            const to = { x: node.position.x + 20, y: node.position.y + 20 };
            node.position = to;
            const placedAt = () => {
                const element = document.getElementById(prefix + node.id);
                const transform = element?.getAttribute('transform') ?? '';
                const numbers = transform.match(/-?[\d.]+(e-?\d+)?/g)?.map(Number) ?? [];
                return numbers.length >= 2 && Math.abs(numbers[0] - to.x) < 1e-6 && Math.abs(numbers[1] - to.y) < 1e-6;
            };
            const drawn = new Promise((resolve, reject) => {
                const observer = new MutationObserver(() => {
                    if (placedAt()) {
                        observer.disconnect();
                        resolve(performance.now());
                    }
                });
                observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['transform'] });
                setTimeout(() => {
                    observer.disconnect();
                    reject(new Error(`${node.id} was not drawn at ${to.x},${to.y} within 20 s`));
                }, 20000);
            });
            const start = performance.now();
            await hook.dispatch({
                kind: 'changeBounds',
                isOperation: true,
                newBounds: [{ elementId: node.id, newSize: node.size, newPosition: to }]
            });
            const at = await drawn;
            patched.push(at - start);
            await nextFrame();
            painted.push(performance.now() - start);
        }
        return { patched, painted, drawn: nodes.length };
    }, count);
}

async function main() {
    const args = process.argv.slice(2);
    const url = args.find(arg => !arg.startsWith('--') && !/^\d+$/.test(arg));
    if (!url) {
        console.error('usage: node e2e/bench.mjs URL [--opens N] [--moves N] [--cold] [--json]');
        process.exit(2);
    }
    const opens = option(args, '--opens', 5);
    const moves = option(args, '--moves', 30);
    const browser = await chromium.launch({
        executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
        headless: true,
        args: CHROMIUM_ARGS
    });
    try {
        const open = [];
        const shownAtOpen = [];
        const cold = args.includes('--cold');
        const viewport = { viewport: { width: 1280, height: 800 } };
        const shared = cold ? undefined : await browser.newContext(viewport);
        let last;
        for (let i = 0; i < opens; i++) {
            if (last) {
                await last.page.close();
            }
            last = await openTimed(shared ?? (await browser.newContext(viewport)), url);
            open.push(last.readyMs);
            shownAtOpen.push(last.shown);
        }
        const elements = await modelSummary(last.page);
        const moved = await movesTimed(last.page, moves);
        const result = {
            elements,
            openToFirstRenderMs: stats(open),
            coldOpens: cold,
            shownAtOpen: shownAtOpen[shownAtOpen.length - 1],
            moveToDomPatchedMs: stats(moved.patched),
            moveToNextFrameMs: stats(moved.painted),
            componentsInView: moved.drawn,
            pageErrors: last.errors
        };
        if (args.includes('--json')) {
            console.log(JSON.stringify(result, null, 1));
        } else {
            const f = s => `median ${s.median.toFixed(0)} ms, p90 ${s.p90.toFixed(0)} ms, max ${s.max.toFixed(0)} ms`;
            console.log(`diagram page in Chromium: ${elements['node:component'] ?? 0} components, ${elements['edge:connection'] ?? 0} connections`);
            console.log(`  open (navigation to first model drawn, ${cold ? 'each in a fresh browser profile' : 'tabs of one browser profile'}), ${opens} runs: ${f(result.openToFirstRenderMs)}`);
            console.log(`  first view: ${result.shownAtOpen.components} components, ${result.shownAtOpen.connections} connections drawn`);
            console.log(`  components in view (drawn): ${moved.drawn}`);
            console.log(`  move (operation dispatched to node drawn at its new place), ${moves} runs: ${f(result.moveToDomPatchedMs)}`);
            console.log(`  move to the next frame after that: ${f(result.moveToNextFrameMs)}`);
            if (last.errors.length > 0) {
                console.log(`  page errors: ${last.errors.join(' | ')}`);
            }
        }
    } finally {
        await browser.close();
    }
}

await main();
