import { actions } from '../store';
import type { Command } from './types';

export const appCommands: Command[] = [
  {
    id: 'app.commandPalette',
    title: 'Show all commands',
    keybinding: 'Mod+Shift+p',
    palette: false,
    perform: ({ store }) => actions.setPaletteOpen(store, !store.getState().paletteOpen),
  },
  { id: 'workspace.viewer', title: 'Workspace: Viewer', perform: ({ store }) => actions.setWorkspace(store, 'viewer') },
  { id: 'workspace.compare', title: 'Workspace: Compare', perform: ({ store }) => actions.setWorkspace(store, 'compare') },
  { id: 'workspace.connectivity', title: 'Workspace: Connectivity matrices', perform: ({ store }) => actions.setWorkspace(store, 'connectivity') },
  {
    id: 'connectivity.showMatrices',
    title: 'Connectivity: Show the matrices',
    perform: ({ store }) => {
      actions.setWorkspace(store, 'connectivity');
      store.setState({ connectivityView: 'matrix' });
    },
  },
  {
    id: 'connectivity.show3d',
    title: 'Connectivity: Show the edges in 3D',
    perform: ({ store }) => {
      actions.setWorkspace(store, 'connectivity');
      store.setState({ connectivityView: '3d' });
    },
  },
];
