// Compare in 3D: the cortical surface grid on the demo study, with pixel checks.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { chooseMeasure, openCompare, waitReady, type AppHandle } from './compareHelpers';
import { SCREENS, ensureScreensDir } from './helpers';

test.beforeAll(() => ensureScreensDir());
test.setTimeout(480_000);

/** Counts of cool (blue-dominant), warm (red/yellow) and grey pixels inside one surface view, read from the WebGL canvas. */
async function viewColours(page: Page, row: string, view: string, from = 0, to = 1): Promise<{ cool: number; warm: number; grey: number; total: number }> {
  return page.evaluate(([row, view, from, to]) => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="surface-canvas"]')!;
    const el = document.querySelector<HTMLElement>(`[data-testid="surface-view"][data-row="${row}"][data-view="${view}"]`)!;
    const b = canvas.getBoundingClientRect();
    const r = el.getBoundingClientRect();
    const s = canvas.width / b.width;
    const c2 = document.createElement('canvas');
    c2.width = canvas.width;
    c2.height = canvas.height;
    const g = c2.getContext('2d')!;
    g.drawImage(canvas, 0, 0);
    // Only the horizontal part [from, to] of the view (e.g. the frontal lobe of a lateral view).
    const px = g.getImageData(Math.round((r.left - b.left + from * r.width) * s), Math.round((r.top - b.top) * s), Math.round((to - from) * r.width * s), Math.round(r.height * s)).data;
    let cool = 0, warm = 0, grey = 0;
    for (let i = 0; i < px.length; i += 4) {
      const [R, G, B] = [px[i], px[i + 1], px[i + 2]];
      if (B > 120 && B > R + 50) cool++;
      else if (R > 150 && R > B + 60) warm++;
      else if (Math.abs(R - G) < 12 && Math.abs(G - B) < 12 && R > 60) grey++;
    }
    return { cool, warm, grey, total: px.length / 4 };
  }, [row, view, from, to] as const);
}

async function openSurfaces(page: Page): Promise<void> {
  await page.getByTestId('pane-view-surface').click();
  await expect(page.getByTestId('surface-grid')).toBeVisible();
  await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-testid="surface-grid"]')?.dataset.ready === 'true', null, { timeout: 120_000 });
  await page.waitForFunction(() => Number(document.querySelector<HTMLElement>('[data-testid="surface-grid"]')?.dataset.frames ?? 0) > 0);
}

test('surface grid: CBF contrast cool on the right medial temporal view, none on the left lateral frontal view; hover and click', async ({ page }) => {
  await openCompare(page);
  await chooseMeasure(page, /CBF/i);
  await waitReady(page);
  await openSurfaces(page);
  const grid = page.getByTestId('surface-grid');
  // Three rows by four views.
  await expect(page.getByTestId('surface-view')).toHaveCount(12);
  for (const row of ['a', 'b', 'contrast']) for (const v of ['left-lateral', 'left-medial', 'right-medial', 'right-lateral']) await expect(page.locator(`[data-testid="surface-view"][data-row="${row}"][data-view="${v}"]`)).toHaveCount(1);
  const t = await grid.evaluate((el) => ({ ...el.dataset }));
  console.log(`[surfaces e2e] cached ${t.cached}, ready ${t.readyMs} ms, build ${t.buildMs} ms in the worker, ${t.vertices} vertices, projection ${t.projectMs} ms (${t.projectMapMs} ms a map onto both hemispheres), recolour ${t.recolourMs} ms, frame ${t.frameMs} ms`);
  expect(Number(t.vertices)).toBeGreaterThan(100_000);
  // The medial wall (the flat cut at the midline) is dark grey and carries no map.
  const wall = await viewColours(page, 'a', 'left-medial', 0.3, 0.7);
  console.log(`[surfaces e2e] left medial centre (MDMA row): ${JSON.stringify(wall)}`);
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${SCREENS}/surfaces-cbf-1920.png` });
  const rm = await viewColours(page, 'contrast', 'right-medial');
  // In the left lateral view anterior is on the left: its left 40% is the frontal lobe.
  const ll = await viewColours(page, 'contrast', 'left-lateral', 0, 0.4);
  console.log(`[surfaces e2e] right medial ${JSON.stringify(rm)}; left lateral ${JSON.stringify(ll)}`);
  expect(rm.cool).toBeGreaterThan(200);
  expect(rm.grey).toBeGreaterThan(rm.total * 0.1); // the cortex is drawn, not a wash of colour
  expect(ll.grey).toBeGreaterThan(ll.total * 0.1);
  expect(ll.cool).toBeLessThan(rm.cool / 10);

  // Hover names the AAL region and the value; a click moves the slice crosshair there.
  const view = page.locator('[data-testid="surface-view"][data-row="contrast"][data-view="right-lateral"]');
  const box = (await view.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.45);
  await page.mouse.move(box.x + box.width * 0.5 + 1, box.y + box.height * 0.45);
  const hover = page.getByTestId('surface-hover');
  await expect(hover).toBeVisible();
  const text = (await hover.textContent()) ?? '';
  console.log(`[surfaces e2e] hover: ${text}`);
  expect(text).toMatch(/^[A-Z][A-Za-z_]+_R · -?\d+\.\d\d · \(/);
  const app = () => page.evaluate(() => (window as unknown as { contrastscope_app: AppHandle }).contrastscope_app.store.getState().scene as { view: { crosshairMm: number[] } });
  const before = (await app()).view.crosshairMm;
  await page.mouse.down();
  await page.mouse.up();
  await expect.poll(async () => (await app()).view.crosshairMm[0]).toBeGreaterThan(30);
  const after = (await app()).view.crosshairMm;
  console.log(`[surfaces e2e] crosshair ${before.join(', ')} -> ${after.join(', ')}`);
  // The location readout (slice panes, ROI panel, cluster table follow the same store crosshair) names a right-hemisphere region.
  await expect(page.getByText(/_R\b/).first()).toBeVisible();

  // Threshold changes (the steps of a drag) recolour from the projected values: no new projection,
  // only the vertices at or above the old or new cut are written, and the next frame follows.
  const proj0 = await grid.getAttribute('data-projections');
  const recolours: string[] = [];
  await page.getByTestId('mode-raw').click();
  for (const cut of [4.5, 5, 5.5, 5, 4.5, 4]) {
    const n = Number(await grid.getAttribute('data-recolours'));
    await page.getByTestId('threshold-value').fill(String(cut));
    await page.getByTestId('threshold-value').press('Enter');
    await page.waitForFunction((m) => Number(document.querySelector<HTMLElement>('[data-testid="surface-grid"]')!.dataset.recolours) > m, n);
    const d = await grid.evaluate((el) => ({ ...el.dataset }));
    recolours.push(`|t| > ${cut}: ${d.recolourMs} ms/${d.recolourVertices} vertices`);
    expect(Number(d.recolourVertices)).toBeLessThan(Number(d.vertices) * 3); // not every vertex of the three rows
  }
  console.log(`[surfaces e2e] threshold drag: recolour ${recolours.join(', ')} (3 rows x 2 hemispheres, ${t.vertices} vertices each row)`);
  expect(await grid.getAttribute('data-projections')).toBe(proj0);
  await page.getByTestId('mode-fdr-q').click();
  await page.getByTestId('threshold-value').fill('0.05');
  await page.getByTestId('threshold-value').press('Enter');

  // Orbit the linked views: every frame redraws all twelve (coarse triangle lists while moving),
  // then one full frame when the camera rests. Frame times logged (software GL here).
  const frameTimes = async (label: string) => {
    // Wait for the frames already queued (the threshold steps) so the first step is not charged for them.
    await viewColours(page, 'contrast', 'right-lateral', 0.5, 0.51);
    const frames0 = Number(await grid.getAttribute('data-frames'));
    const t0 = Date.now();
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
    await page.mouse.down();
    const times: number[] = [];
    const steps: number[] = [];
    for (let k = 1; k <= 10; k++) {
      const s0 = Date.now();
      await page.mouse.move(box.x + box.width * 0.5 + k * 12, box.y + box.height * 0.5 + k * 3);
      await page.waitForFunction((n) => Number(document.querySelector<HTMLElement>('[data-testid="surface-grid"]')!.dataset.frames) >= n, frames0 + k);
      // A pixel read waits for the GPU (here SwiftShader) to finish the frame.
      await viewColours(page, 'contrast', 'right-lateral', 0.5, 0.51);
      steps.push(Date.now() - s0);
      times.push(Number(await grid.getAttribute('data-frame-ms')));
      expect(await grid.getAttribute('data-coarse')).toBe('true');
    }
    const r0 = Date.now();
    await page.mouse.up();
    await expect(grid).toHaveAttribute('data-coarse', 'false');
    await viewColours(page, 'contrast', 'right-lateral', 0.5, 0.51);
    const restMs = Date.now() - r0;
    const sorted = [...steps].sort((a, b) => a - b);
    console.log(`[surfaces e2e] orbit ${label}, ${await page.getByTestId('surface-view').count()} linked views: ${steps.join(' ')} ms per frame (median ${sorted[5]}) from move to pixels read (software GL); JS render ${times.map((x) => x.toFixed(0)).join(' ')} ms; ${((Date.now() - t0) / 10).toFixed(0)} ms per step overall; the full frame at rest ${restMs} ms; coarse lists uploaded beforehand in ${await grid.getAttribute('data-warm-ms')} ms`);
  };
  await frameTimes('12 views');
  // The same in the page, without the test's round trips: each step is a pointer move, the next
  // animation frame, and a 1-pixel read that waits for the GPU (SwiftShader) to finish it.
  const inPage = await page.evaluate(async ([x, y]) => {
    const gridEl = document.querySelector<HTMLElement>('[data-testid="surface-grid"]')!;
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="surface-canvas"]')!;
    const probe = document.createElement('canvas').getContext('2d')!;
    const sync = () => {
      probe.drawImage(canvas, 0, 0, 1, 1, 0, 0, 1, 1);
      probe.getImageData(0, 0, 1, 1);
    };
    const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));
    const ev = (type: string, dx: number, buttons: number) => gridEl.dispatchEvent(new PointerEvent(type, { bubbles: true, clientX: x + dx, clientY: y, buttons, pointerId: 1, pointerType: 'mouse', isPrimary: true }));
    await frame();
    sync();
    ev('pointerdown', 0, 1);
    const moving: number[] = [];
    for (let k = 1; k <= 12; k++) {
      const t0 = performance.now();
      ev('pointermove', k * 8, 1);
      await frame();
      await frame();
      sync();
      moving.push(Math.round(performance.now() - t0));
    }
    const coarse = gridEl.dataset.coarse;
    const t0 = performance.now();
    ev('pointerup', 12 * 8, 0);
    await frame();
    await frame();
    sync();
    return { moving, coarse, rest: Math.round(performance.now() - t0), restCoarse: gridEl.dataset.coarse };
  }, [box.x + box.width * 0.5, box.y + box.height * 0.5] as const);
  const med = [...inPage.moving].sort((a, b) => a - b)[6];
  console.log(`[surfaces e2e] orbit in the page, 12 linked views: ${inPage.moving.join(' ')} ms a frame while moving (median ${med}, coarse ${inPage.coarse}); the full frame at rest ${inPage.rest} ms (coarse ${inPage.restCoarse})`);
  expect(inPage.coarse).toBe('true');
  expect(inPage.restCoarse).toBe('false');
  await page.screenshot({ path: `${SCREENS}/surfaces-cbf-orbit.png` });

  // Contrast only with the dorsal preset; then the 1280x720 projector size.
  await page.getByTestId('layout-contrast').click();
  await expect(page.getByTestId('surface-view')).toHaveCount(4);
  await page.getByTestId('surface-reset').click();
  await page.getByTestId('surface-preset').selectOption('dorsal');
  await expect(page.getByTestId('surface-view')).toHaveCount(1);
  await page.waitForTimeout(400);
  await page.screenshot({ path: `${SCREENS}/surfaces-cbf-dorsal.png` });
  // Seen from above both hemispheres are drawn (grey on each side of the midline).
  const leftHalf = await viewColours(page, 'contrast', 'dorsal', 0.2, 0.5);
  const rightHalf = await viewColours(page, 'contrast', 'dorsal', 0.5, 0.8);
  expect(leftHalf.grey).toBeGreaterThan(leftHalf.total * 0.2);
  expect(rightHalf.grey).toBeGreaterThan(rightHalf.total * 0.2);
  await page.getByTestId('surface-preset').selectOption('four');
  await page.getByTestId('layout-row').click();
  await page.getByTestId('surface-glass').check();
  await expect(page.getByTestId('surface-view')).toHaveCount(12);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.waitForTimeout(800);
  await page.screenshot({ path: `${SCREENS}/surfaces-cbf-1280.png` });
});

test('surface grid: Export PNG captures the grid; the BOLD contrast', async ({ page }) => {
  await openCompare(page);
  await chooseMeasure(page, /faces|BOLD/i);
  await waitReady(page);
  await openSurfaces(page);
  // The second page of the run reads the surfaces from IndexedDB instead of building them.
  const cached = await page.getByTestId('surface-grid').evaluate((el) => ({ cached: el.dataset.cached, readyMs: el.dataset.readyMs, buildMs: el.dataset.buildMs }));
  console.log(`[surfaces e2e] second page: cortex from the cache ${cached.cached}, ready in ${cached.readyMs} ms (hash + IndexedDB read), build ${cached.buildMs} ms`);
  expect(cached.cached).toBe('true');
  expect(Number(cached.buildMs)).toBe(0);
  await page.waitForTimeout(500);
  await page.getByTestId('surface-view').first().screenshot({ path: `${SCREENS}/surfaces-bold-first-view.png` });
  await page.screenshot({ path: `${SCREENS}/surfaces-bold-1920.png` });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('compare-export-png').click()]);
  expect(download.suggestedFilename()).toMatch(/_surfaces\.png$/);
  const path = `${SCREENS}/surfaces-export.png`;
  await download.saveAs(path);
  const { readFileSync } = await import('node:fs');
  const png = readFileSync(path);
  // PNG width at bytes 16..19: the grid is rendered at 1600 px plus the figure margins.
  expect(png.readUInt32BE(16)).toBeGreaterThan(1600);
  // The on-screen grid is drawn again after the export.
  const warmFrontal = await viewColours(page, 'contrast', 'left-lateral', 0, 0.4);
  const warmFrontalR = await viewColours(page, 'contrast', 'right-lateral', 0.6, 1);
  // The back of the same views (in the right lateral view anterior is on the right).
  const backL = await viewColours(page, 'contrast', 'left-lateral', 0.6, 1);
  const backR = await viewColours(page, 'contrast', 'right-lateral', 0, 0.4);
  console.log(`[surfaces e2e] BOLD contrast, frontal 40% of left lateral ${JSON.stringify(warmFrontal)}, of right lateral ${JSON.stringify(warmFrontalR)}; posterior 40%: left ${JSON.stringify(backL)}, right ${JSON.stringify(backR)}`);
  // The demo's MDMA prefrontal increase is warm on both frontal lobes, over grey cortex, and the
  // warmth is frontal: the back of the same views has far less of it.
  for (const [front, back] of [[warmFrontal, backL], [warmFrontalR, backR]]) {
    expect(front.grey).toBeGreaterThan(front.total * 0.05);
    expect(front.warm).toBeGreaterThan(front.total * 0.12);
    expect(front.cool).toBeLessThan(front.warm / 20);
    expect(front.warm).toBeGreaterThan(3 * back.warm);
  }
});
