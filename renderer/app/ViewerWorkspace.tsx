import { ViewsPanel } from '../panels/ViewsPanel';
import { LayerPanel } from '../panels/LayerPanel';
import { LocationReadout } from '../panels/LocationReadout';
import { ViewToolbar } from '../panels/ViewToolbar';
import { MainPane } from './MainPane';
import type { WorkspaceSlots } from './workspaces';

export function ViewerWorkspace(): WorkspaceSlots {
  return {
    center: (
      <>
        <ViewToolbar />
        <div className="pane-grid panes-1">
          <MainPane />
        </div>
      </>
    ),
    right: (
      <>
        <LocationReadout />
        <LayerPanel />
        <ViewsPanel />
      </>
    ),
  };
}
