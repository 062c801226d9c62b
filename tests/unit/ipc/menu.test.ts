import { describe, expect, it } from 'vitest';
import { APP_MENU, HOST_COMMANDS, isRendererCommand, RENDERER_COMMAND_IDS } from '../../../shared/ipc/menu';
import { BRIDGE_KEYS, EVENTS, INVOKE } from '../../../shared/ipc/channels';

describe('APP_MENU', () => {
  const items = APP_MENU.flatMap((s) => s.items).filter((i) => i.commandId !== '-');

  it('uses every renderer command id once, plus host items', () => {
    const rendererIds = items.map((i) => i.commandId).filter(isRendererCommand);
    expect([...rendererIds].sort()).toEqual([...RENDERER_COMMAND_IDS].sort());
    expect(items.filter((i) => !isRendererCommand(i.commandId)).map((i) => i.commandId)).toEqual([HOST_COMMANDS.openRecent, HOST_COMMANDS.quit, HOST_COMMANDS.about]);
  });

  it('has no accelerator twice', () => {
    const acc = items.map((i) => i.accelerator).filter(Boolean);
    expect(new Set(acc).size).toBe(acc.length);
    expect(acc).toContain('CmdOrCtrl+O');
  });

  it('ids follow the renderer naming', () => {
    expect(RENDERER_COMMAND_IDS).toContain('view.toggleRadiological');
    expect(isRendererCommand('host.quit')).toBe(false);
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
