/** Outline colours of ROIs in the panes and in the ROI panel (same order), and of the RSFC seed. */
export const ROI_COLOURS: [number, number, number][] = [
  [255, 215, 0],
  [0, 230, 118],
  [255, 64, 255],
  [255, 140, 0],
  [120, 200, 255],
  [255, 255, 255],
];
export const SEED_COLOUR: [number, number, number] = [50, 255, 50];

export function roiColourCss(k: number): string {
  const [r, g, b] = ROI_COLOURS[k % ROI_COLOURS.length];
  return `rgb(${r}, ${g}, ${b})`;
}
