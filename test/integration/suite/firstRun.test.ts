import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { until } from './setup';

describe('the first five minutes', () => {
  it('binds Shift+Alt+T to Translate Selection and to nothing else of VS Code', async () => {
    await vscode.commands.executeCommand('workbench.action.openDefaultKeybindingsFile');
    await until(() => vscode.window.activeTextEditor?.document.uri.toString() === 'vscode://defaultsettings/keybindings.json');
    const text = vscode.window.activeTextEditor!.document.getText();
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    const bound = [...text.matchAll(/\{\s*"key":\s*"shift\+alt\+t",\s*"command":\s*"([^"]+)"/g)].map((match) => match[1]);
    assert.ok(text.includes('"key": "ctrl+shift+t"'), 'read the default keybindings');
    assert.deepEqual(bound, ['hivePapago.translateSelection']);
  });
});
