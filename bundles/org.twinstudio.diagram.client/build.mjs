// Bundles the diagram page into web/: diagram.html, bundle.js, bundle.css and the fonts the CSS references.
// TWIN_SOURCEMAP=1 adds bundle.js.map for debugging (left out of the shipped bundle for size).
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const out = join(root, 'web');
const started = Date.now();

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

await esbuild.build({
    absWorkingDir: root,
    entryPoints: { bundle: 'src/index.ts' },
    outdir: out,
    bundle: true,
    minify: true,
    sourcemap: process.env.TWIN_SOURCEMAP === '1',
    // The IDE shows the page in WebKitGTK (SWT Browser), browsers are current ones.
    target: ['es2020', 'chrome100', 'safari15', 'firefox100'],
    platform: 'browser',
    format: 'iife',
    loader: { '.ttf': 'file', '.woff': 'file', '.woff2': 'file', '.svg': 'file' },
    assetNames: 'fonts/[name]-[hash]',
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'linked',
    logLevel: 'warning'
});
copyFileSync(join(root, 'src', 'diagram.html'), join(out, 'diagram.html'));

const size = file => (statSync(join(out, file)).size / 1024).toFixed(0) + ' KB';
console.log(`web/: bundle.js ${size('bundle.js')}, bundle.css ${size('bundle.css')} in ${Date.now() - started} ms`);
