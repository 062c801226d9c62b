/** Keyboard shortcuts come from the command registry, never hard-coded in components. */
import { useEffect } from 'react';
import { eventMatches } from '../commands/keys';
import type { CommandsValue } from '../context/commands';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

export function useShortcuts({ registry, ctx, run }: CommandsValue): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      const typing = !!t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable);
      for (const c of registry.all()) {
        if (!c.keybinding || !eventMatches(c.keybinding, e, isMac)) continue;
        // Plain keys ('1', 'r') type text in inputs; only modified shortcuts work there.
        const modified = e.ctrlKey || e.metaKey || e.altKey || /^F\d+$/.test(c.keybinding);
        if (typing && !modified) return;
        if (!registry.isEnabled(c.id, ctx)) return;
        e.preventDefault();
        void run(c.id);
        return;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [registry, ctx, run]);
}
