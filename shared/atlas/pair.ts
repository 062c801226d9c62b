/**
 * Which of a set of chosen or dropped files are atlases: an image and its label table, paired by
 * name (`HOsub_CONN.nii.gz` + `HOsub_CONN.tsv`, `aal.nii.gz` + `aal.nii.txt`), or, when exactly one
 * image and one label table are left unpaired, with each other (FSL's
 * `HarvardOxford-sub-prob-2mm.nii.gz` + `HarvardOxford-Subcortical.xml`).
 */

const LABEL_EXT = /\.(xml|txt|lut|tsv|csv|json|ctbl|label)$/i;
const IMAGE_EXT = /\.nii(\.gz)?$/i;

export function isImageName(name: string): boolean {
  return IMAGE_EXT.test(name);
}

export function isLabelTableName(name: string): boolean {
  return LABEL_EXT.test(name);
}

/** The shared part of an atlas's file names: no folder, no extension, no `.nii` before a label extension. */
export function atlasStem(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? name;
  return base.replace(IMAGE_EXT, '').replace(LABEL_EXT, '').replace(IMAGE_EXT, '').toLowerCase();
}

export interface AtlasPairing<T> {
  atlases: { image: T; labels: T }[];
  /** Everything that is not part of a pair, in the order given. */
  rest: T[];
}

/** Pairs by `nameOf(item)`; an image with no label table stays in `rest` (it opens as a map). */
export function pairAtlasFiles<T>(items: T[], nameOf: (item: T) => string): AtlasPairing<T> {
  const images = items.filter((f) => isImageName(nameOf(f)));
  const tables = items.filter((f) => !isImageName(nameOf(f)) && isLabelTableName(nameOf(f)));
  const atlases: { image: T; labels: T }[] = [];
  const used = new Set<T>();
  for (const img of images) {
    const stem = atlasStem(nameOf(img));
    const match = tables.filter((t) => !used.has(t) && atlasStem(nameOf(t)) === stem);
    if (match.length === 1) {
      atlases.push({ image: img, labels: match[0] });
      used.add(img).add(match[0]);
    }
  }
  const freeImages = images.filter((f) => !used.has(f));
  const freeTables = tables.filter((f) => !used.has(f));
  if (freeImages.length === 1 && freeTables.length === 1) {
    atlases.push({ image: freeImages[0], labels: freeTables[0] });
    used.add(freeImages[0]).add(freeTables[0]);
  }
  return { atlases, rest: items.filter((f) => !used.has(f)) };
}
