import { useMemo, useState } from 'react';
import { bindingLabel } from '../commands/keys';
import { actions } from '../store';
import { useApp } from '../context/store';
import { useCommands } from '../context/commands';

const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);

export function CommandPalette() {
  const open = useApp((s) => s.paletteOpen);
  const { registry, ctx, run } = useCommands();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const items = useMemo(() => {
    const q = query.toLowerCase().trim();
    return registry
      .all()
      .filter((c) => c.palette !== false && registry.isEnabled(c.id, ctx))
      .filter((c) => !q || q.split(/\s+/).every((w) => c.title.toLowerCase().includes(w) || c.id.toLowerCase().includes(w)));
    // The registry does not change while the palette is open.
  }, [query, registry, ctx, open]);
  if (!open) return null;
  const close = () => {
    actions.setPaletteOpen(ctx.store, false);
    setQuery('');
    setActive(0);
  };
  const choose = (id: string) => {
    close();
    void run(id);
  };
  return (
    <div className="palette-backdrop" onMouseDown={close}>
      <div className="palette" data-testid="command-palette" role="dialog" aria-label="Commands" onMouseDown={(e) => e.stopPropagation()}>
        <input
          autoFocus
          placeholder="Type a command"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') close();
            else if (e.key === 'ArrowDown') setActive((a) => Math.min(items.length - 1, a + 1));
            else if (e.key === 'ArrowUp') setActive((a) => Math.max(0, a - 1));
            else if (e.key === 'Enter' && items[active]) choose(items[active].id);
          }}
        />
        <ul>
          {items.map((c, i) => (
            <li key={c.id} className={i === active ? 'active' : ''} onMouseDown={() => choose(c.id)} data-command={c.id}>
              <span>{c.title}</span>
              {c.keybinding && <kbd>{bindingLabel(c.keybinding, isMac)}</kbd>}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
