// Edits a twin in the diagram page like a user, with Chromium's real mouse and keyboard, and reports what the
// page showed after each step. Run by the diagram web host's end-to-end test against a live server:
//
//   node e2e/edit-scenario.mjs 'http://127.0.0.1:PORT/diagram.html?token=T&source=file:///…/heating-line.twin&client=C' OUT_DIR
//
// The twin must be the heating line (components inletValve … controller) without a diagram layout. Steps:
// auto-layout (Ctrl+Shift+L); a PID controller and an electric heater from the palette (click the entry, click the
// canvas); an on/off valve created and undone (Ctrl+Z); the connection tool from the controller's output to the
// heater's command; the heater's power onto the controller's enable, which the tool refuses (the server is then
// sent the same connection, the one step done through the page hook, to show the refusal's reason); the
// controller dragged; Ctrl+Z twice (drag, connection) and Ctrl+Shift+Z twice; the level sensor put on the
// temperature sensor (through the page hook), both selected and laid out alone with Ctrl+Shift+L, then both steps
// undone; a double-click on the controller's
// name, a taken name typed (refused while typing, with the reason) and then a free one; the controller resized by
// its corner handle; the heater copied and pasted (Ctrl+C, Ctrl+V); the level sensor selected and deleted (Del);
// Ctrl+S, then the file is watched until it holds the edits.
//
// Screenshots go to OUT_DIR (NN-step.png). stdout: one JSON object (counts, ids, positions seen); exit code 1 with
// the reason on stderr when a step does not give what a user would see.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDiagram, modelSummary } from './open.mjs';

const STEP_TIMEOUT = 15000;
const [url, outDir = 'e2e-screenshots'] = process.argv.slice(2);
if (!url) {
    console.error('usage: node e2e/edit-scenario.mjs PAGE_URL [OUT_DIR]');
    process.exit(2);
}
mkdirSync(outDir, { recursive: true });
for (const old of readdirSync(outDir).filter(name => /^\d\d-.*\.png$/.test(name))) {
    rmSync(join(outDir, old)); // screenshots of an earlier run
}

const params = new URL(url).searchParams;
// The page draws into an element named after the client id; GLSP prefixes every element's DOM id with it.
const widget = (params.get('widget') || 'twin-diagram-' + params.get('client')).replace(/[^A-Za-z0-9_-]/g, '_');
const prefix = widget + '_';
const sourceFile = params.get('source')?.startsWith('file:') ? fileURLToPath(params.get('source')) : params.get('source');

const summary = { screenshots: [], steps: [] };
let page;
let browser;
let shot = 0;

// ---- helpers -------------------------------------------------------------------------------------------------

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

/** Starts a step; each step's duration (ms, until the next starts or the end) goes into the summary. */
function step(name) {
    finishStep();
    summary.steps.push({ name, started: Date.now() });
    process.stderr.write(`step: ${name}\n`);
}

function finishStep() {
    const last = summary.steps.at(-1);
    if (last && last.ms === undefined) {
        last.ms = Date.now() - last.started;
        delete last.started;
    }
}

async function screenshot(name) {
    const file = join(outDir, `${String(++shot).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: file });
    summary.screenshots.push(file);
}

const modelRoot = () => page.evaluate(() => window.twinstudioDiagram.modelRoot());

/** Direct children of the graph by type, as a map id -> element. */
function childrenOf(root, type) {
    return Object.fromEntries((root.children ?? []).filter(c => c.type === type).map(c => [c.id, c]));
}
const components = root => childrenOf(root, 'node:component');
const connections = root => childrenOf(root, 'edge:connection');
const positionOf = (root, id) => {
    const node = components(root)[id];
    return node?.position ? { x: node.position.x, y: node.position.y } : undefined;
};

/** Polls the client's model until `check(root)` holds and returns it; fails with `what` after the timeout. */
async function waitForModel(what, check, timeout = STEP_TIMEOUT) {
    const deadline = Date.now() + timeout;
    let root;
    for (;;) {
        root = await modelRoot();
        if (root && check(root)) {
            return root;
        }
        if (Date.now() > deadline) {
            throw new Error(`timed out waiting for ${what}; the diagram shows: ${describe(root)}`);
        }
        await sleep(100);
    }
}

function describe(root) {
    if (!root) {
        return 'no model';
    }
    return `components [${Object.keys(components(root)).join(', ')}], connections [${Object.keys(connections(root)).join(', ')}]`;
}

/** The element of a diagram id in the visible diagram (not GLSP's hidden copy); ids may hold '.', '#', '>'. */
const element = id => page.locator(`#${widget} [id="${prefix}${id}"]`);

async function boxOf(id, part) {
    const box = await (part ? element(id).locator(part) : element(id)).boundingBox();
    if (!box) {
        throw new Error(`${id} is not on screen`);
    }
    return box;
}

const centre = box => ({ x: box.x + box.width / 2, y: box.y + box.height / 2 });

/** Clicks the palette entry with exactly this label (the palette scrolls to it). */
async function paletteEntry(label) {
    const exact = new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
    await page.locator('.tool-palette .tool-button').filter({ hasText: exact }).click();
}

/** Empty canvas below everything drawn, near the left edge (away from the palette), in page coordinates. */
async function freeSpot() {
    const boxes = await page.locator(`#${widget} .twin-component`).evaluateAll(nodes =>
        nodes.map(n => n.getBoundingClientRect()).map(r => ({ x: r.x, y: r.y, bottom: r.bottom, right: r.right }))
    );
    const bottom = Math.max(0, ...boxes.map(b => b.bottom));
    const left = Math.min(...boxes.map(b => b.x), 400);
    return { x: left, y: bottom + 60 };
}

async function cursorMode() {
    // GLSP shows the tool's verdict as a cursor class on the diagram's root element.
    return page.evaluate(widget => Array.from(document.querySelectorAll(`#${widget}, #${widget} *`))
        .flatMap(e => Array.from(e.classList)).filter(c => c.endsWith('-mode')), widget);
}


// ---- scenario --------------------------------------------------------------------------------------------------

async function run() {
    const started = Date.now();
    const opened = await openDiagram(url, { width: 1400, height: 900 });
    summary.openMs = Date.now() - started;
    browser = opened.browser;
    page = opened.page;
    summary.pageErrors = opened.errors;
    let root = await modelRoot();
    summary.initial = { counts: await modelSummary(page), components: Object.keys(components(root)).sort() };
    await screenshot('opened');

    step('auto-layout with Ctrl+Shift+L');
    // Focus the canvas as a user would, by clicking an empty spot of it.
    await page.mouse.click(700, 820);
    await page.keyboard.press('Control+Shift+L');
    root = await waitForModel('every component placed by the layout', r =>
        Object.values(components(r)).every(c => c.position && (c.position.x !== 0 || c.position.y !== 0 || c.id === 'inletValve'))
        && new Set(Object.values(components(r)).map(c => `${c.position.x},${c.position.y}`)).size === Object.keys(components(r)).length);
    summary.layout = Object.fromEntries(Object.entries(components(root)).map(([id, c]) => [id, c.position]));
    await sleep(300);
    await screenshot('layout');

    step('create a PID controller and an electric heater from the palette');
    const spot = await freeSpot();
    await paletteEntry('PID controller');
    await page.mouse.click(spot.x, spot.y);
    root = await waitForModel('pid1 on the canvas', r => components(r).pid1);
    await paletteEntry('Electric heater');
    await page.mouse.click(spot.x + 320, spot.y);
    root = await waitForModel('heater1 on the canvas', r => components(r).heater1);
    summary.created = ['pid1', 'heater1'].map(id => ({
        id,
        ports: (components(root)[id].children ?? []).filter(c => c.type.startsWith('port:')).map(p => `${p.type} ${p.id}`)
    }));
    await screenshot('created');

    step('create an on/off valve and undo it with Ctrl+Z');
    await paletteEntry('On/off valve');
    await page.mouse.click(spot.x + 640, spot.y);
    await waitForModel('valve1 on the canvas', r => components(r).valve1);
    await screenshot('valve-created');
    await page.keyboard.press('Control+Z');
    root = await waitForModel('valve1 gone after Ctrl+Z', r => !components(r).valve1);
    summary.undoneCreation = { id: 'valve1', present: Boolean(components(root).valve1) };

    step('connect pid1.output to heater1.command with the connection tool');
    await connectWithTool('pid1.output', 'heater1.command');
    root = await waitForModel('the new connection', r =>
        Object.values(connections(r)).find(e => e.sourceId === 'pid1.output' && e.targetId === 'heater1.command'));
    const edge = Object.values(connections(root)).find(e => e.targetId === 'heater1.command');
    summary.connection = { id: edge.id, source: edge.sourceId, target: edge.targetId };
    await screenshot('connected');

    step('try heater1.power (real) onto pid1.enable (boolean)');
    summary.refused = await tryInvalidConnection('heater1.power', 'pid1.enable');
    await screenshot('refused');

    step('drag pid1 by its header');
    root = await modelRoot();
    const from = positionOf(root, 'pid1');
    const grab = await grabPoint('pid1');
    const drag = { x: 180, y: 120 };
    await page.mouse.move(grab.x, grab.y);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) {
        await page.mouse.move(grab.x + (drag.x * i) / 10, grab.y + (drag.y * i) / 10);
        await sleep(20);
    }
    await page.mouse.up();
    root = await waitForModel('pid1 at its new place', r => {
        const p = positionOf(r, 'pid1');
        return p && (p.x !== from.x || p.y !== from.y);
    });
    const to = positionOf(root, 'pid1');
    summary.move = { id: 'pid1', from, to, drag, zoom: root.zoom ?? 1 };
    await screenshot('moved');

    step('undo the drag and the connection with Ctrl+Z, redo both with Ctrl+Shift+Z');
    await page.mouse.click(spot.x + 640, spot.y + 150); // empty canvas: clear the selection, keep focus
    await page.keyboard.press('Control+Z');
    root = await waitForModel('pid1 back after Ctrl+Z', r => {
        const p = positionOf(r, 'pid1');
        return p && p.x === from.x && p.y === from.y;
    });
    const afterUndoMove = positionOf(root, 'pid1');
    await page.keyboard.press('Control+Z');
    root = await waitForModel('the connection gone after the second Ctrl+Z', r => !connections(r)[edge.id]);
    await screenshot('undone');
    const connectionUndone = !connections(root)[edge.id];
    await page.keyboard.press('Control+Shift+Z');
    await waitForModel('the connection back after Ctrl+Shift+Z', r => connections(r)[edge.id]);
    await page.keyboard.press('Control+Shift+Z');
    root = await waitForModel('pid1 moved again after the second Ctrl+Shift+Z', r => {
        const p = positionOf(r, 'pid1');
        return p && p.x === to.x && p.y === to.y;
    });
    summary.undoRedo = { afterUndoMove, connectionUndone, afterRedo: positionOf(root, 'pid1') };
    await screenshot('redone');

    step('lay out a selection: sensorL put on sensorT, both selected, Ctrl+Shift+L; then both steps undone');
    const sensorCorner = positionOf(root, 'sensorT');
    const sensorLBefore = positionOf(root, 'sensorL');
    const size = components(root).sensorL.size;
    await page.evaluate(([x, y, w, h]) => window.twinstudioDiagram.dispatch({
        kind: 'changeBounds', isOperation: true,
        newBounds: [{ elementId: 'sensorL', newPosition: { x, y }, newSize: { width: w, height: h } }]
    }).then(() => undefined), [sensorCorner.x, sensorCorner.y, size.width, size.height]);
    await waitForModel('sensorL on sensorT', r => {
        const p = positionOf(r, 'sensorL');
        return p && p.x === sensorCorner.x && p.y === sensorCorner.y;
    });
    await page.evaluate(() => window.twinstudioDiagram.select(['sensorT', 'sensorL']));
    await page.keyboard.press('Control+Shift+L');
    root = await waitForModel('the two sensors laid out apart', r => {
        const t = positionOf(r, 'sensorT');
        const l = positionOf(r, 'sensorL');
        return t && l && (t.x !== l.x || t.y !== l.y);
    });
    await screenshot('selection-laid-out');
    summary.selectionLayout = {
        sensorCorner,
        sensorT: positionOf(root, 'sensorT'),
        sensorL: positionOf(root, 'sensorL'),
        pid1Before: to,
        pid1: positionOf(root, 'pid1')
    };
    await page.keyboard.press('Control+Z');
    await page.keyboard.press('Control+Z');
    root = await waitForModel('both sensors back', r => {
        const t = positionOf(r, 'sensorT');
        const l = positionOf(r, 'sensorL');
        return t && l && t.x === sensorCorner.x && t.y === sensorCorner.y && l.x === sensorLBefore.x && l.y === sensorLBefore.y;
    });

    step('rename pid1 on its name label: first to the taken name tank, then to heatController');
    await element('pid1#name').dblclick();
    const editor = page.locator('.label-edit:not(.hidden)');
    const input = editor.locator('input');
    await input.waitFor({ timeout: STEP_TIMEOUT });
    await page.keyboard.press('Control+A');
    await page.keyboard.type('tank', { delay: 20 });
    // The server checks the name while it is typed; the field shows its verdict.
    await page.locator('.label-edit.validation-error[data-balloon]').waitFor({ timeout: STEP_TIMEOUT });
    const refusedReason = await editor.getAttribute('data-balloon');
    await screenshot('rename-refused');
    await page.keyboard.press('Enter');
    await sleep(500);
    root = await modelRoot();
    summary.refusedRename = {
        to: 'tank',
        reason: refusedReason,
        stillEditing: await input.isVisible(),
        components: Object.keys(components(root)).sort()
    };
    await page.keyboard.press('Control+A');
    await page.keyboard.type('heatController', { delay: 20 });
    await page.locator('.label-edit.validation-error').waitFor({ state: 'detached', timeout: STEP_TIMEOUT })
        .catch(() => undefined);
    await screenshot('renaming');
    await page.keyboard.press('Enter');
    root = await waitForModel('heatController instead of pid1', r => components(r).heatController && !components(r).pid1);
    summary.rename = { from: 'pid1', to: 'heatController', position: positionOf(root, 'heatController') };
    await screenshot('renamed');

    step('resize heatController by dragging its bottom-right handle');
    await clickHeader('heatController');
    const handle = page.locator(`#${widget} .sprotty-resize-handle[data-kind="bottom-right"]`);
    await handle.waitFor({ timeout: STEP_TIMEOUT });
    const sizeBefore = { ...components(await modelRoot()).heatController.size };
    const corner = centre(await handle.boundingBox());
    const grow = { x: 60, y: 40 };
    await page.mouse.move(corner.x, corner.y);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) {
        await page.mouse.move(corner.x + (grow.x * i) / 10, corner.y + (grow.y * i) / 10);
        await sleep(20);
    }
    await page.mouse.up();
    root = await waitForModel('heatController resized', r => {
        const size = components(r).heatController.size;
        return size.width !== sizeBefore.width || size.height !== sizeBefore.height;
    });
    // The client shows the new size at once; the output port follows when the server's update arrives.
    const portX = r => components(r).heatController.children.find(c => c.id === 'heatController.output').position.x;
    root = await waitForModel('the output port on the new east border', r =>
        portX(r) === components(r).heatController.size.width, 5000).catch(() => modelRoot());
    summary.resize = {
        id: 'heatController',
        from: sizeBefore,
        to: { ...components(root).heatController.size },
        drag: grow,
        position: positionOf(root, 'heatController'),
        // Where the server puts the output port of the resized box (x relative to the component).
        outputPortX: portX(root)
    };
    await screenshot('resized');

    step('copy heater1 with Ctrl+C, paste it with Ctrl+V; select sensorL and delete it with Del');
    await clickHeader('heater1');
    await page.keyboard.press('Control+C');
    await sleep(300); // the copy asks the server for the clipboard data
    await page.keyboard.press('Control+V');
    root = await waitForModel('heater2 pasted', r => Object.keys(components(r)).length > 8);
    if (!components(root).heater2) {
        throw new Error(`the paste made ${describe(root)} instead of heater2`);
    }
    summary.paste = { copied: 'heater1', pasted: 'heater2', position: positionOf(root, 'heater2') };
    await clickHeader('sensorL');
    await page.keyboard.press('Delete');
    root = await waitForModel('sensorL deleted', r => !components(r).sensorL);
    summary.delete = {
        id: 'sensorL',
        connections: Object.values(connections(root)).map(e => `${e.sourceId}->${e.targetId}`).sort()
    };
    await screenshot('pasted-and-deleted');

    step('save with Ctrl+S');
    const before = sourceFile ? statSync(sourceFile).mtimeMs : undefined;
    await page.mouse.click(spot.x + 640, spot.y + 150);
    await page.keyboard.press('Control+S');
    if (sourceFile) {
        const deadline = Date.now() + STEP_TIMEOUT;
        while (!readFileSync(sourceFile, 'utf8').includes('heatController')) {
            if (Date.now() > deadline) {
                throw new Error(`Ctrl+S did not save ${sourceFile}`);
            }
            await sleep(100);
        }
        summary.saved = { file: sourceFile, modifiedBefore: before, modifiedAfter: statSync(sourceFile).mtimeMs };
    }
    await screenshot('saved');

    root = await modelRoot();
    summary.final = {
        counts: await modelSummary(page),
        components: Object.fromEntries(Object.entries(components(root)).map(([id, c]) => [id, { position: c.position, size: c.size }])),
        connections: Object.values(connections(root)).map(e => `${e.sourceId}->${e.targetId}`).sort()
    };
}

/**
 * A point on a component where a click reaches the component itself: its header first, then its body, skipping
 * spots covered by a connection, a port or another component (as a user aims at a free part of the box).
 */
async function grabPoint(id) {
    const point = await page.evaluate(([widgetId, domId]) => {
        const node = document.querySelector(`#${widgetId} [id="${domId}"]`);
        const body = node?.querySelector('.twin-body');
        if (!body) {
            return undefined;
        }
        const r = body.getBoundingClientRect();
        for (let y = r.top + 8; y < r.bottom - 4; y += 6) {
            for (let x = r.right - 12; x > r.left + 30; x -= 10) {
                const hit = document.elementFromPoint(x, y);
                if (hit && node.contains(hit) && !hit.closest('.twin-port') && !hit.closest('.sprotty-resize-handle')) {
                    return { x, y };
                }
            }
        }
        return undefined;
    }, [widget, prefix + id]);
    if (!point) {
        throw new Error(`no free spot on ${id} to click`);
    }
    return point;
}

/** Selects a component with a click on a free part of it and waits until it shows as selected. */
async function clickHeader(id) {
    const point = await grabPoint(id);
    await page.mouse.click(point.x, point.y);
    await page.locator(`#${widget} [id="${prefix}${id}"].selected`).waitFor({ timeout: STEP_TIMEOUT });
}

/** The connection tool: click its palette entry, the output port, then the input port. */
async function connectWithTool(sourceId, targetId) {
    await paletteEntry('Connection');
    const source = centre(await boxOf(sourceId, '.twin-port-hit'));
    await page.mouse.move(source.x - 20, source.y);
    await page.mouse.move(source.x, source.y, { steps: 5 });
    await waitForCursor('edge-creation-select-source-mode', `${sourceId} accepted as a connection source`);
    await page.mouse.click(source.x, source.y);
    // The valid targets are marked as soon as the source is picked, before the pointer gets there.
    await waitFor(`${targetId} marked as a valid target`, async () =>
        (await element(targetId).getAttribute('class'))?.includes('twin-connectable'));
    summary.connectableWhileDrawing = await connectablePorts();
    const target = centre(await boxOf(targetId, '.twin-port-hit'));
    await page.mouse.move(target.x, target.y, { steps: 15 });
    await waitForCursor('edge-creation-select-target-mode', `${targetId} accepted as the connection's target`);
    await page.mouse.click(target.x, target.y);
    await waitFor('the target marks gone once connected', async () => (await connectablePorts()).length === 0);
}

/** The ids of the ports marked as valid targets of the connection being drawn. */
async function connectablePorts() {
    return page.evaluate(prefix => Array.from(document.querySelectorAll('g.twin-port.twin-connectable'))
        .map(e => e.id.slice(e.id.indexOf(prefix) + prefix.length)), prefix);
}

async function waitFor(what, condition) {
    const deadline = Date.now() + STEP_TIMEOUT;
    while (!(await condition())) {
        if (Date.now() > deadline) {
            throw new Error(`timed out waiting for ${what}`);
        }
        await sleep(50);
    }
}

/**
 * The user's attempt: the tool shows the not-allowed cursor over the target and a click there creates nothing.
 * The server's reason is then asked for by sending it the same connection, as a client without the check would.
 */
async function tryInvalidConnection(sourceId, targetId) {
    const edgesBefore = Object.keys(connections(await modelRoot())).length;
    await paletteEntry('Connection');
    const source = centre(await boxOf(sourceId, '.twin-port-hit'));
    await page.mouse.move(source.x - 20, source.y);
    await page.mouse.move(source.x, source.y, { steps: 5 });
    await waitForCursor('edge-creation-select-source-mode', `${sourceId} accepted as a connection source`);
    await page.mouse.click(source.x, source.y);
    const target = centre(await boxOf(targetId, '.twin-port-hit'));
    await page.mouse.move(target.x, target.y, { steps: 15 });
    await waitForCursor('edge-modification-not-allowed-mode', `the not-allowed cursor over ${targetId}`);
    const unmarked = !(await connectablePorts()).includes(targetId);
    await page.mouse.click(target.x, target.y);
    await sleep(500);
    await screenshot('refused-by-tool');
    // Escape drops the tool and its dangling feedback edge (the model hook cannot serialise that edge).
    await page.keyboard.press('Escape');
    await sleep(200);
    const edgesAfterClick = Object.keys(connections(await modelRoot())).length;
    await page.evaluate(([s, t]) => window.twinstudioDiagram.dispatch({
        kind: 'createEdge', isOperation: true, elementTypeId: 'edge:connection', sourceElementId: s, targetElementId: t, args: {}
    }).then(() => undefined), [sourceId, targetId]);
    const notice = page.locator('.twin-notice-warning .twin-notice-text').last();
    await notice.waitFor({ timeout: STEP_TIMEOUT });
    const reason = await notice.innerText();
    await sleep(300);
    const edgesAfterServer = Object.keys(connections(await modelRoot())).length;
    return {
        source: sourceId,
        target: targetId,
        gestureRefused: edgesAfterClick === edgesBefore && edgesAfterServer === edgesBefore,
        targetMarked: !unmarked,
        edges: { before: edgesBefore, afterClick: edgesAfterClick, afterServer: edgesAfterServer },
        reason
    };
}

async function waitForCursor(mode, what) {
    const deadline = Date.now() + STEP_TIMEOUT;
    while (!(await cursorMode()).includes(mode)) {
        if (Date.now() > deadline) {
            throw new Error(`timed out waiting for ${what} (cursor modes: ${(await cursorMode()).join(', ') || 'none'})`);
        }
        await sleep(50);
    }
}

try {
    await run();
    finishStep();
    console.log(JSON.stringify(summary, null, 1));
    await browser.close();
} catch (error) {
    if (error.page && !page) {
        page = error.page;
        browser = error.browser;
    }
    if (page) {
        await screenshot('failed').catch(() => undefined);
    }
    console.error(`The edit scenario failed at "${summary.steps.at(-1)?.name ?? 'opening the page'}": ${error.message}`);
    console.error(JSON.stringify(summary, null, 1));
    await browser?.close().catch(() => undefined);
    process.exit(1);
}
