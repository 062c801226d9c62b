/**
 * `contrastscope render SCENE.json [--figure NAME] --out FILE.png|tiff|svg|pdf [--dpi N]`: a
 * figure of a saved scene, drawn by the same shared/figure code as the app's Figure workspace
 * (resvg WebAssembly for pixels, pdf-lib for PDF), so the same scene gives the same bytes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { parseCommandArgs, stringValue } from '../args';
import { exportFigure, FIGURE_FORMATS, legendName, prepareFigure, type FigureFormat } from '../../../shared/figure/index';
import { DPI_MAX, DPI_MIN } from '../../../shared/figure/schema';
import { parseSceneJson } from '../../../shared/scene/validate';
import { fileCandidates } from '../../../shared/scene/sceneFile';
import { readTextFile, writeFileAtomic } from '../io';
import { cliFigureSources } from '../figure/sources';
import { chromiumCapturer } from '../figure/capture';
import { InputError, type CliCommand } from '../types';

const USAGE = `usage: contrastscope render SCENE.json [--figure NAME] --out FILE.png|tiff|svg|pdf [--dpi N]

Draws a figure of a saved scene (File > Save scene in the app) as the Figure workspace exports it:
  png   raster at the figure's DPI with a pHYs chunk (slides, web, most journal uploads)
  tiff  Deflate-compressed raster with resolution tags (journals that ask for TIFF)
  svg   vector text, colorbars, plots and tables; brain pictures embedded as PNG (editing in Inkscape/Illustrator)
  pdf   one page of the figure's size, embedded fonts, vector text (submission and print)
NAME.legend.md is written beside the output with the settings for the legend and methods.
--figure picks a figure by name (default: the first); --dpi overrides the figure's DPI (${DPI_MIN}-${DPI_MAX}).
Files the scene names are opened by path; the simulated demo is made again from its seed when absent.`;

const require = createRequire(import.meta.url);
const fileOf = (spec: string) => require.resolve(spec);

function version(): string {
  try {
    return (JSON.parse(readFileSync(resolve(dirname(fileOf('../../../package.json')), 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

export const renderCommand: CliCommand = {
  name: 'render',
  summary: 'draw a figure of a saved scene as PNG, TIFF, SVG or PDF',
  usage: USAGE,
  async run(argv) {
    const args = parseCommandArgs('render', argv, { figure: { kind: 'string', valueName: 'a figure name' }, out: { kind: 'string', valueName: 'a file name' }, dpi: { kind: 'string', valueName: 'a number' } }, { positionals: true });
    if (args.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const positionals = args.positionals;
    const values = { figure: stringValue(args, 'figure'), out: stringValue(args, 'out'), dpi: stringValue(args, 'dpi') };
    if (positionals.length !== 1) throw new InputError('render: give one scene file (contrastscope render SCENE.json --out FILE.png)');
    if (!values.out) throw new InputError('render: give the output file with --out FILE.png|tiff|svg|pdf');
    const scenePath = resolve(positionals[0]);
    const out = resolve(values.out);
    const ext = extname(out).slice(1).toLowerCase().replace(/^tif$/, 'tiff') as FigureFormat;
    if (!FIGURE_FORMATS.includes(ext)) throw new InputError(`render: ${basename(out)}: the output must end in .png, .tiff, .svg or .pdf`);
    if (out === scenePath) throw new InputError(`render: ${out} is the scene file; the output must be another file`);
    if (!existsSync(scenePath)) throw new InputError(`${scenePath}: no such scene file`);
    const parsedScene = parseSceneJson(readTextFile(scenePath, 64 * 1024 ** 2), basename(scenePath));
    if (!parsedScene.ok) throw new InputError(parsedScene.message);
    const scene = parsedScene.scene;
    if (!scene.figures.length) throw new InputError(`${basename(scenePath)}: the scene has no figure (make one in the Figure workspace)`);
    const fig = values.figure ? scene.figures.find((f) => f.name === values.figure) : scene.figures[0];
    if (!fig) throw new InputError(`${basename(scenePath)}: no figure named "${values.figure}" (figures: ${scene.figures.map((f) => f.name).join(', ')})`);
    if (values.dpi !== undefined) {
      const dpi = Number(values.dpi);
      if (!Number.isInteger(dpi) || dpi < DPI_MIN || dpi > DPI_MAX) throw new InputError(`render: --dpi must be a whole number from ${DPI_MIN} to ${DPI_MAX} (got "${values.dpi}")`);
      fig.page = { ...fig.page, dpi };
    }
    const log = (s: string) => process.stderr.write(`${s}\n`);
    const sources = await cliFigureSources(fig.study, scene.layers, log, scenePath);
    const inputs = new Set<string>([scenePath]);
    for (const m of sources.study?.measures ?? []) for (const f of m.files) inputs.add(resolve(f.path));
    for (const l of scene.layers) if (l.source.type === 'file') for (const p of fileCandidates(l.source, scenePath)) inputs.add(resolve(p));
    const legendPath = legendName(out);
    for (const p of [out, legendPath]) if (inputs.has(p)) throw new InputError(`render: ${p} is one of the inputs; choose another output`);
    if (ext === 'png' || ext === 'tiff') {
      try {
        const { initRaster } = await import('../../../shared/figure/raster');
        await initRaster(readFileSync(fileOf('@resvg/resvg-wasm/index_bg.wasm')));
      } catch (e) {
        throw new InputError(`render: no renderer is available for ${ext.toUpperCase()} (resvg's WebAssembly did not start: ${(e as Error).message}); SVG and PDF need none`);
      }
    }
    const fontDir = dirname(fileOf('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'));
    const fonts = { regular: new Uint8Array(readFileSync(join(fontDir, 'DejaVuSans.ttf'))), bold: new Uint8Array(readFileSync(join(fontDir, 'DejaVuSans-Bold.ttf'))) };
    const prep = await prepareFigure(fig, sources).catch((e: Error) => {
      throw new InputError(`${basename(scenePath)}, figure "${fig.name}": ${e.message}`);
    });
    // 3D panels: the app's surface capture in headless Chromium, started only when one is there.
    const capturer = chromiumCapturer(log);
    sources.capture3d = (req) => capturer.capture3d(req);
    const r = await exportFigure(fig, prep, ext, { fonts, version: version() }).finally(() => capturer.close());
    // Both files go to temp names first; the legend is renamed only after the figure was written.
    writeFileAtomic(out, r.bytes);
    writeFileAtomic(legendPath, r.legend);
    for (const w of r.warnings) log(`warning: ${w}`);
    console.log(`${out}: ${fig.name}, ${r.widthMm} x ${r.heightMm.toFixed(1)} mm${ext === 'png' || ext === 'tiff' ? `, ${r.widthPx} x ${r.heightPx} px at ${fig.page.dpi} dpi` : ''}; legend in ${basename(legendPath)}`);
    return 0;
  },
};
