'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS: VS Code loads it with require() */
/* global require, exports */
const vscode = require('vscode');

exports.GREETING = 'Hello from the harness smoke extension';

/** @param {vscode.ExtensionContext} context */
exports.activate = function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand('harnessSmoke.hello', () => {
      void vscode.window.showInformationMessage(exports.GREETING);
      return exports.GREETING;
    }),
  );
  // API for the tests: the host's SecretStorage for this extension.
  return { secrets: context.secrets };
};

exports.deactivate = function deactivate() {};
