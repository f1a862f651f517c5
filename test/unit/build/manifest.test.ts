import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parseDocument } from 'yaml';

describe('build: package.json', () => {
  const text = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8');

  it('has no duplicate keys (JSON.parse would keep only the last one, silently dropping contributions)', () => {
    // JSON is YAML; the YAML parser reports a repeated key where JSON.parse does not.
    const doc = parseDocument(text, { uniqueKeys: true });
    assert.deepStrictEqual(doc.errors.map((e) => e.message), []);
  });

  it('declares every contributed command once, and every menu entry names a declared command', () => {
    const manifest = JSON.parse(text) as { contributes: { commands: { command: string }[]; menus: Record<string, { command: string }[]> } };
    const ids = manifest.contributes.commands.map((c) => c.command);
    assert.deepStrictEqual(ids.filter((id, i) => ids.indexOf(id) !== i), []);
    const menuIds = Object.values(manifest.contributes.menus).flat().map((m) => m.command);
    assert.deepStrictEqual(menuIds.filter((id) => !ids.includes(id)), []);
  });
});
