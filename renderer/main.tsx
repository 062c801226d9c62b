import { createRoot } from 'react-dom/client';
import './app/styles.css';
import { App } from './app/App';
import { CommandsContext, type CommandsValue } from './context/commands';
import { EngineContext } from './context/engine';
import { StoreContext } from './context/store';
import { CompareContext } from './context/compare';
import { VolumesContext } from './context/volumes';
import { createRegistry, menuEntries, type CommandContext } from './commands';
import { createEngine } from './engine/engine';
import { CompareClient } from './engine/compareClient';
import { StudyData } from './engine/studyData';
import { VolumeCache } from './engine/volumeCache';
import { startStudies } from './engine/studyStart';
import { pickHost } from './host';
import { createAppStore } from './store';
import { startSession } from './session/recover';
import { RecoverBanner } from './panels/RecoverBanner';

// Every long-lived object of the app is made here, once, and handed down (docs/architecture.md).
const store = createAppStore();
const host = pickHost();
const volumes = new VolumeCache();
const study = new StudyData({ store, host, volumes });
const engine = createEngine(store, host, { volumes, study });
const compare = new CompareClient({ store, study, volumes });
const registry = createRegistry();
const ctx: CommandContext = { store, host, engine };
const commands: CommandsValue = { registry, ctx, run: (id, args) => registry.run(id, ctx, args) };

// Menus (Electron) and files given on the command line / dropped go through the same paths as the UI.
host.onCommand((id) => void commands.run(id));
// The native menu takes its titles and keys from the registry (shared/ipc/menu.ts).
void host.setMenu?.(menuEntries(registry)).catch(() => undefined);
const openPaths = startStudies({ store, host, engine });
host.onOpenPaths(openPaths);
// Reads a crashed run's autosave before this run's autosave can overwrite it, then autosaves.
const session = startSession(store, host);

// For tests and the console: the store and registry, read-only by convention; e2e tests read the
// compare display maps through the compare client (as the panes do); nothing in the app uses these.
(window as unknown as { contrastscope_app?: unknown }).contrastscope_app = { store, registry, run: commands.run };
(window as unknown as { contrastscope_compare?: CompareClient }).contrastscope_compare = compare;

createRoot(document.getElementById('root')!).render(
  // No StrictMode: its double mount would attach two WebGL contexts to one pane canvas.
  <StoreContext.Provider value={store}>
    <VolumesContext.Provider value={volumes}>
      <EngineContext.Provider value={engine}>
        <CompareContext.Provider value={compare}>
          <CommandsContext.Provider value={commands}>
            <RecoverBanner session={session} store={store} engine={engine} />
            <App />
          </CommandsContext.Provider>
        </CompareContext.Provider>
      </EngineContext.Provider>
    </VolumesContext.Provider>
  </StoreContext.Provider>,
);
