import { setCrosshair, setSliceType, setView, toggleRadiological, parseMmText, type SliceType, type Vec3 } from '../../shared/scene';
import { actions } from '../store';
import type { Command } from './types';

const sliceCommand = (sliceType: SliceType, title: string, key: string): Command => ({
  id: `view.${sliceType}`,
  title: `View: ${title}`,
  keybinding: key,
  perform: ({ store }) => actions.setScene(store, (s) => setSliceType(s, sliceType)),
});

export const viewCommands: Command[] = [
  sliceCommand('axial', 'Axial', '1'),
  sliceCommand('coronal', 'Coronal', '2'),
  sliceCommand('sagittal', 'Sagittal', '3'),
  sliceCommand('multiplanar', 'Multiplanar', '4'),
  sliceCommand('render3d', '3D render', '5'),
  {
    id: 'view.toggleRadiological',
    title: 'View: Toggle neurological / radiological',
    keybinding: 'r',
    perform: ({ store }) => actions.setScene(store, toggleRadiological),
  },
  {
    id: 'view.toggleAtlas',
    title: 'View: Show / hide atlas outlines',
    keybinding: 'a',
    capture: 'now',
    perform: ({ store }) =>
      actions.setScene(store, (s) => ({ ...s, layers: s.layers.map((l) => (l.kind === 'atlas' ? { ...l, visible: !l.visible } : l)) })),
  },
  {
    id: 'view.toggleAtlasOutline',
    title: 'View: Atlas as outlines / filled regions',
    perform: ({ store }) => actions.setScene(store, (s) => setView(s, { atlasOutline: !s.view.atlasOutline })),
  },
  {
    id: 'view.fullscreen',
    title: 'View: Full screen',
    keybinding: 'F11',
    perform: async () => {
      if (typeof document === 'undefined') return;
      if (document.fullscreenElement) await document.exitFullscreen();
      else await document.documentElement.requestFullscreen();
    },
  },
  {
    id: 'view.setCrosshair',
    title: 'Move the crosshair',
    palette: false,
    perform: ({ store }, args) => {
      const mm = (args as { mm?: Vec3 } | undefined)?.mm;
      if (!mm || mm.length !== 3) throw new Error('No coordinate given');
      actions.setScene(store, (s) => setCrosshair(s, mm));
    },
  },
  {
    id: 'view.gotoMm',
    title: 'Go to MNI coordinate',
    palette: false,
    perform: ({ store }, args) => {
      const text = String((args as { text?: string } | undefined)?.text ?? '');
      const mm = parseMmText(text);
      if (!mm) throw new Error(`"${text}" is not a coordinate; type three numbers in mm, e.g. -24 -4 -18`);
      actions.setScene(store, (s) => setCrosshair(s, mm));
    },
  },
];
