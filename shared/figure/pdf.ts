/** A drawing as a one-page PDF (pdf-lib): vector text in the embedded font, vector shapes, brain pictures at the DPI. */
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, degrees, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { Drawing } from './draw';

const colour = (hexStr: string) => {
  const n = parseInt(hexStr.slice(1), 16);
  return rgb(((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255);
};

export interface PdfFonts {
  regular: Uint8Array;
  bold: Uint8Array;
}

/** Fixed dates and ids keep the bytes the same for the same figure. */
export async function drawingToPdf(d: Drawing, fonts: PdfFonts, meta: { title: string; version: string }): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit);
  doc.setTitle(meta.title);
  doc.setProducer(`ContrastScope ${meta.version} (pdf-lib)`);
  doc.setCreator('ContrastScope');
  doc.setCreationDate(new Date(0));
  doc.setModificationDate(new Date(0));
  const regular = await doc.embedFont(fonts.regular, { subset: true, customName: 'CSREGU+DejaVuSans' });
  const bold = await doc.embedFont(fonts.bold, { subset: true, customName: 'CSBOLD+DejaVuSans-Bold' });
  const page: PDFPage = doc.addPage([d.widthPt, d.heightPt]);
  const H = d.heightPt;
  page.drawRectangle({ x: 0, y: 0, width: d.widthPt, height: H, color: colour(d.background) });
  const images = new Map<Uint8Array, Awaited<ReturnType<PDFDocument['embedPng']>>>();
  for (const it of d.items) {
    if (it.type === 'rect') {
      page.drawRectangle({ x: it.x, y: H - it.y - it.h, width: it.w, height: it.h, ...(it.fill ? { color: colour(it.fill) } : {}), ...(it.stroke ? { borderColor: colour(it.stroke), borderWidth: it.strokeWidth ?? 0.5 } : {}) });
    } else if (it.type === 'line') {
      for (let i = 1; i < it.points.length; i++) {
        const [x0, y0] = it.points[i - 1];
        const [x1, y1] = it.points[i];
        page.drawLine({ start: { x: x0, y: H - y0 }, end: { x: x1, y: H - y1 }, thickness: it.width, color: colour(it.stroke), opacity: it.opacity ?? 1, lineCap: 1 });
      }
    } else if (it.type === 'circle') {
      page.drawCircle({ x: it.cx, y: H - it.cy, size: it.r, color: colour(it.fill) });
    } else if (it.type === 'text') {
      const font: PDFFont = it.bold ? bold : regular;
      const w = font.widthOfTextAtSize(it.text, it.sizePt);
      const shift = it.anchor === 'middle' ? w / 2 : it.anchor === 'end' ? w : 0;
      if (it.rotate) page.drawText(it.text, { x: it.x, y: H - it.y - shift, size: it.sizePt, font, color: colour(it.fill), rotate: degrees(it.rotate) });
      else page.drawText(it.text, { x: it.x - shift, y: H - it.y, size: it.sizePt, font, color: colour(it.fill) });
    } else if (it.type === 'image') {
      let img = images.get(it.png);
      if (!img) {
        img = await doc.embedPng(it.png);
        images.set(it.png, img);
      }
      page.drawImage(img, { x: it.x, y: H - it.y - it.h, width: it.w, height: it.h });
    }
  }
  return doc.save({ useObjectStreams: false });
}
