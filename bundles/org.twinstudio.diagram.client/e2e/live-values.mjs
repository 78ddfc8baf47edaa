// Checks live values in a real browser: opens a diagram served with `twinstudio serve --web --simulate`, waits for
// the first batch, and reports what the page shows over a few seconds (values, labels on screen, simulated time).
//
//   node e2e/live-values.mjs 'http://127.0.0.1:PORT/diagram.html?token=T&source=S' [out.png]
//
// Exit code 1 when no values arrive, no label shows or the time does not advance.
import { openDiagram } from './open.mjs';

const [url, screenshot] = process.argv.slice(2);
const { browser, page, errors } = await openDiagram(url);
if (process.env.LAYOUT === '1') {
    // a twin without positions: lay it out first (Ctrl+Shift+L) and fit it (0)
    await page.locator('svg').first().click({ position: { x: 600, y: 600 } });
    await page.keyboard.press('Control+Shift+L');
    await page.waitForTimeout(1500);
    await page.keyboard.press('0');
}
let failed = false;
try {
    await page.waitForFunction(() => window.twinstudioDiagram.liveValues?.().running === true, undefined, { timeout: 20000 });
    const samples = [];
    for (let i = 0; i < 4; i++) {
        await page.waitForTimeout(700);
        samples.push(
            await page.evaluate(() => {
                const live = window.twinstudioDiagram.liveValues();
                const labels = [...document.querySelectorAll('text.twin-live-value')];
                const tank = labels.find(label => label.parentElement?.id.endsWith('tank.temperature'));
                return {
                    time: live.time,
                    values: Object.keys(live.values).length,
                    labels: labels.length,
                    liveComponents: document.querySelectorAll('.twin-component.twin-live').length,
                    tankTemperature: tank?.textContent,
                    status: document.querySelector('.twin-live-status')?.textContent
                };
            })
        );
    }
    console.log(JSON.stringify({ samples, errors }, null, 1));
    if (screenshot) {
        await page.screenshot({ path: screenshot });
    }
    const first = samples[0];
    const last = samples[samples.length - 1];
    failed = !(first.values > 0 && first.labels > 0 && last.time > first.time && first.tankTemperature);
} finally {
    await browser.close();
}
process.exit(failed ? 1 : 0);
