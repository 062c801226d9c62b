// electron-builder.yml: identity, targets and the security fuses (read as text: no YAML
// parser is a direct dependency, and the file is flat enough for line checks).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const text = readFileSync('electron-builder.yml', 'utf8');

function section(name: string): Record<string, string> {
  const lines = text.split('\n');
  const start = lines.indexOf(`${name}:`);
  expect(start, `section ${name}`).toBeGreaterThanOrEqual(0);
  const out: Record<string, string> = {};
  for (const line of lines.slice(start + 1)) {
    const m = /^ {2}([A-Za-z]+):\s*(.*)$/.exec(line);
    if (!m) break;
    out[m[1]] = m[2];
  }
  return out;
}

describe('electron-builder.yml', () => {
  it('names the app', () => {
    expect(text).toMatch(/^appId: org\.contrastscope\.app$/m);
    expect(text).toMatch(/^productName: ContrastScope$/m);
  });

  it('packs out/** and resources/**', () => {
    expect(text).toMatch(/^files:\n {2}- out\/\*\*\n {2}- resources\/\*\*$/m);
  });

  it('builds AppImage/deb, dmg and nsis', () => {
    expect(section('linux').target).toBe('[AppImage, deb]');
    expect(section('mac').target).toBe('[dmg]');
    expect(section('win').target).toBe('[nsis]');
  });

  it('sets the security fuses', () => {
    expect(section('electronFuses')).toEqual({
      runAsNode: 'false',
      enableCookieEncryption: 'true',
      enableNodeOptionsEnvironmentVariable: 'false',
      enableNodeCliInspectArguments: 'false',
      enableEmbeddedAsarIntegrityValidation: 'true',
      onlyLoadAppFromAsar: 'true',
      grantFileProtocolExtraPrivileges: 'false',
    });
  });
});
