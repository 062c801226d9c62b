import { describe, expect, it } from 'vitest';
import { accelerator, buildAppMenu, HOST_COMMANDS, isRendererCommand, menuLabel, MENU_LAYOUT, RENDERER_COMMAND_IDS } from '../../../shared/ipc/menu';
import { checkMenuEntries, IpcArgError } from '../../../shared/ipc/validate';
import { BRIDGE_KEYS, EVENTS, INVOKE } from '../../../shared/ipc/channels';

describe('MENU_LAYOUT', () => {
  const ids = MENU_LAYOUT.flatMap((s) => s.items).filter((i) => i !== '-');

  it('places every renderer command id once, plus host items', () => {
    expect(ids.filter(isRendererCommand).sort()).toEqual([...RENDERER_COMMAND_IDS].sort());
    expect(ids.filter((i) => !isRendererCommand(i))).toEqual([HOST_COMMANDS.openRecent, HOST_COMMANDS.quit, HOST_COMMANDS.about]);
  });

  it('ids follow the renderer naming', () => {
    expect(RENDERER_COMMAND_IDS).toContain('view.toggleRadiological');
    expect(isRendererCommand('host.quit')).toBe(false);
  });
});

describe('buildAppMenu', () => {
  it('takes labels and keys from the entries, shows renderer keys without registering them', () => {
    const menu = buildAppMenu([
      { id: 'view.axial', title: 'View: Axial', keybinding: '1' },
      { id: 'file.openMap', title: 'File: Open map…', keybinding: 'Mod+o' },
      { id: 'file.openStudyTable', title: 'File: Open study table…', keybinding: 'Mod+Alt+o' },
      { id: 'view.fullscreen', title: 'View: Full screen', keybinding: 'F11' },
    ]);
    const items = menu.flatMap((s) => s.items);
    expect(items.find((i) => i.commandId === 'view.axial')).toEqual({ commandId: 'view.axial', label: 'Axial', accelerator: '1', registerAccelerator: false });
    expect(items.find((i) => i.commandId === 'file.openMap')).toMatchObject({ label: 'Open map…', accelerator: 'CmdOrCtrl+O', registerAccelerator: false });
    expect(items.find((i) => i.commandId === 'file.openStudyTable')?.accelerator).toBe('CmdOrCtrl+Alt+O');
    expect(items.find((i) => i.commandId === 'view.fullscreen')?.accelerator).toBe('F11');
    // host items keep their own (registered) accelerator
    expect(items.find((i) => i.commandId === HOST_COMMANDS.quit)).toEqual({ commandId: HOST_COMMANDS.quit, label: 'Quit', accelerator: 'CmdOrCtrl+Q' });
  });

  it('leaves out commands the page has not reported, and the dividers they would leave dangling', () => {
    const menu = buildAppMenu([]);
    expect(menu.map((s) => s.items.map((i) => i.commandId))).toEqual([[HOST_COMMANDS.openRecent, '-', HOST_COMMANDS.quit], [], [HOST_COMMANDS.about]]);
  });

  it('ignores ids that are not menu commands', () => {
    const menu = buildAppMenu([{ id: 'compare.swap', title: 'Compare: Swap' }]);
    expect(menu.flatMap((s) => s.items).some((i) => i.commandId === 'compare.swap')).toBe(false);
  });

  it('translates registry key syntax to Electron accelerators', () => {
    expect(accelerator('Mod+Shift+o')).toBe('CmdOrCtrl+Shift+O');
    expect(accelerator('r')).toBe('R');
    expect(accelerator('PageDown')).toBe('PageDown');
    expect(menuLabel('View: Show / hide atlas outlines')).toBe('Show / hide atlas outlines');
  });
});

describe('checkMenuEntries (what main accepts from the page)', () => {
  it('keeps valid entries', () => {
    expect(checkMenuEntries([{ id: 'view.axial', title: 'View: Axial', keybinding: '1' }])).toEqual([{ id: 'view.axial', title: 'View: Axial', keybinding: '1' }]);
  });
  it.each([
    ['not a list', { id: 'view.axial' }],
    ['an id outside the menu', [{ id: 'host.quit', title: 'Quit' }]],
    ['a huge title', [{ id: 'view.axial', title: 'x'.repeat(500) }]],
    ['a key that is not a shortcut', [{ id: 'view.axial', title: 'Axial', keybinding: 'Ctrl+Alt+Delete+Everything' }]],
    ['too many entries', Array.from({ length: 40 }, () => ({ id: 'view.axial', title: 'Axial' }))],
  ])('refuses %s', (_what, value) => {
    expect(() => checkMenuEntries(value)).toThrow(IpcArgError);
  });
});

describe('channels', () => {
  it('are distinct and namespaced', () => {
    const all = [...Object.values(INVOKE), ...Object.values(EVENTS)];
    expect(new Set(all).size).toBe(all.length);
    for (const c of all) expect(c).toMatch(/^contrastscope:[a-z-]+$/);
  });
  it('BRIDGE_KEYS = kind + one per invoke channel + the two listeners', () => {
    expect(BRIDGE_KEYS).toHaveLength(1 + Object.keys(INVOKE).length + 2);
    expect([...BRIDGE_KEYS].sort()).toEqual(['kind', 'onCommand', 'onOpenPaths', ...Object.keys(INVOKE)].sort());
  });
});
