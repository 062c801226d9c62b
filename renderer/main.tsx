import { createRoot } from 'react-dom/client';
import './app/styles.css';
import { App } from './app/App';
import { CommandsContext, type CommandsValue } from './app/commandContext';
import { EngineContext } from './app/engineContext';
import { createRegistry, menuEntries, type CommandContext } from './commands';
import { createEngine } from './engine/engine';
import { startStudies } from './engine/studyStart';
import { pickHost } from './host';
import { createAppStore } from './store';
import { provideStore } from './store/useApp';
import { startSession } from './session/recover';
import { RecoverBanner } from './panels/RecoverBanner';

const store = createAppStore();
provideStore(store);
const host = pickHost();
const engine = createEngine(store, host);
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

// For tests and the console: the store and registry, read-only by convention.
(window as unknown as { contrastscope_app?: unknown }).contrastscope_app = { store, registry, run: commands.run };


createRoot(document.getElementById('root')!).render(
  // No StrictMode: its double mount would attach two WebGL contexts to one pane canvas.
  <EngineContext.Provider value={engine}>
      <CommandsContext.Provider value={commands}>
        <RecoverBanner session={session} store={store} engine={engine} />
        <App />
      </CommandsContext.Provider>
    </EngineContext.Provider>,
);
