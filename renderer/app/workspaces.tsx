/**
 * Workspaces fill the three slots of the layout. The compare workspace registers itself here
 * (left: contrast/cluster/ROI panels; center: 1-3 panes; right: readout and layers).
 */
import type { ReactNode } from 'react';
import type { Workspace } from '../store';
import { ViewerWorkspace } from './ViewerWorkspace';
import { StudyPanel } from '../panels/study/StudyPanel';
import { CompareWorkspace } from './CompareWorkspace';
import { ConnectivityWorkspace } from './ConnectivityWorkspace';
import { FigureWorkspace } from './FigureWorkspace';

export interface WorkspaceSlots {
  left?: ReactNode;
  center: ReactNode;
  right?: ReactNode;
}

export interface WorkspaceDef {
  id: Workspace;
  title: string;
  render: () => WorkspaceSlots;
}

const defs = new Map<Workspace, WorkspaceDef>();

export function registerWorkspace(def: WorkspaceDef): void {
  defs.set(def.id, def);
}

export function workspaceDefs(): WorkspaceDef[] {
  return [...defs.values()];
}

/** Every workspace shows the study panel at the top of its left slot. */
export function workspaceDef(id: Workspace): WorkspaceDef {
  const def = defs.get(id) ?? defs.get('viewer')!;
  return {
    ...def,
    render: () => {
      const slots = def.render();
      return {
        ...slots,
        left: (
          <>
            <StudyPanel />
            {slots.left}
          </>
        ),
      };
    },
  };
}

registerWorkspace({ id: 'viewer', title: 'Viewer', render: ViewerWorkspace });
registerWorkspace({ id: 'compare', title: 'Compare', render: CompareWorkspace });
registerWorkspace({ id: 'connectivity', title: 'Connectivity', render: ConnectivityWorkspace });
registerWorkspace({ id: 'figure', title: 'Figure', render: FigureWorkspace });
