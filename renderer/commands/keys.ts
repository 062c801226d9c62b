/** Matches keyboard events against registry keybindings like 'Mod+Shift+P' or 'Alt+3'. */
export function eventMatches(binding: string, e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>, isMac: boolean): boolean {
  const parts = binding.split('+');
  const key = parts.pop()!.toLowerCase();
  const mods = new Set(parts.map((p) => p.toLowerCase()));
  const wantCtrl = mods.has('ctrl') || (mods.has('mod') && !isMac);
  const wantMeta = mods.has('meta') || (mods.has('mod') && isMac);
  if (e.ctrlKey !== wantCtrl || e.metaKey !== wantMeta || e.altKey !== mods.has('alt')) return false;
  const pressed = e.key.toLowerCase();
  // Shift changes e.key for symbols, so only check shift for letters and named keys.
  if (/^[a-z]$|^f\d+$|^(enter|escape|delete|backspace|arrow\w+)$/.test(pressed) && e.shiftKey !== mods.has('shift')) return false;
  return pressed === key;
}

/** 'Mod+Shift+P' -> 'Ctrl+Shift+P' (or '⌘⇧P' style on macOS kept simple). */
export function bindingLabel(binding: string, isMac: boolean): string {
  return binding.replace(/Mod/g, isMac ? 'Cmd' : 'Ctrl');
}
