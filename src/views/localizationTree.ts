import * as vscode from 'vscode';
import { Disposable } from '../host/dispose';
import { CommandId, LOCALIZATION_VIEW } from '../host/ids';
import { isUpdatable, type FolderEntry, type LocalizationIndex, type SourceEntry, type TargetEntry } from '../host/localizations';
import { describeError, languageName } from '../host/messages';
import type { LocalizationItem } from '../host/views';
import { groupByDirectory } from './localizationGroups';

/**
 * The Localization view: sources x target languages. Per workspace folder (a level shown only in
 * a multi-root workspace), the Markdown sources grouped by directory (see `groupByDirectory`),
 * and under each source one row per target language with its state. Items carry what they show
 * (`localization`), and their `contextValue` lists words the menus test: `updatable` (stale or
 * missing, not restructured), `output` (the output exists), `changes` (a tracked stale output:
 * Show Source Changes has something to show). It displays; the index computes.
 */

/** Sources up to which a folder opens with every source expanded. */
const EXPAND_UP_TO = 20;

type Node = FolderNode | DirectoryNode | SourceNode | TargetNode | MessageNode;

const icon = (id: string, color?: string) => new vscode.ThemeIcon(id, color ? new vscode.ThemeColor(color) : undefined);

/** What the state of one output looks like: icon, short description. */
function describeTarget(status: TargetEntry['status']): { icon: vscode.ThemeIcon; description: string } {
  const parts: string[] = [];
  let shown: vscode.ThemeIcon;
  if (status.state === 'missing') {
    parts.push(vscode.l10n.t('missing'));
    shown = icon('circle-large-outline', 'disabledForeground');
  } else if (status.state === 'current') {
    parts.push(vscode.l10n.t('up to date'));
    shown = icon('pass', 'testing.iconPassed');
  } else if (status.restructured) {
    parts.push(vscode.l10n.t('restructured by hand: it will not be overwritten'));
    shown = icon('error', 'list.errorForeground');
  } else if (status.untracked) {
    parts.push(vscode.l10n.t('stale: not written by this tool, or its state was lost'));
    shown = icon('diff-modified', 'list.warningForeground');
  } else {
    parts.push(
      status.changedUnits === 0
        ? vscode.l10n.t('stale: only code or markup changed')
        : vscode.l10n.t('stale: {0} of {1} units changed', status.changedUnits, status.totalUnits),
    );
    shown = icon('diff-modified', 'list.warningForeground');
  }
  if (status.edited && !status.restructured) parts.push(vscode.l10n.t('edited by hand'));
  if (status.conflicts.length > 0) {
    parts.push(status.conflicts.length === 1 ? vscode.l10n.t('1 conflict') : vscode.l10n.t('{0} conflicts', status.conflicts.length));
    shown = icon('warning', 'list.warningForeground');
  }
  return { icon: shown, description: parts.join(' · ') };
}

class TargetNode extends vscode.TreeItem {
  readonly localization: LocalizationItem;

  constructor(
    readonly source: SourceEntry,
    readonly target: TargetEntry,
  ) {
    super(languageName(target.to), vscode.TreeItemCollapsibleState.None);
    const { status } = target;
    this.localization = { uri: source.uri, to: target.to };
    this.id = `localization:target:${source.uri.toString()}:${target.to}`;
    const shown = describeTarget(status);
    this.iconPath = shown.icon;
    this.description = shown.description;
    const words = ['target', status.state];
    if (isUpdatable(status)) words.push('updatable');
    if (status.state !== 'missing') words.push('output');
    if (status.state === 'stale' && !status.untracked && !status.restructured) words.push('changes');
    this.contextValue = words.join(' ');
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown(`**${escape(vscode.workspace.asRelativePath(target.output))}**\n\n${escape(shown.description)}`);
    if (status.conflicts.length > 0) {
      tooltip.appendMarkdown(`\n\n${escape(vscode.l10n.t('Changed in the source and edited by hand at lines {0}: an update keeps the hand edit.', status.conflicts.join(', ')))}`);
    }
    if (status.edited && !status.restructured) tooltip.appendMarkdown(`\n\n${escape(vscode.l10n.t('Edits made by hand are kept when the translation is updated.'))}`);
    this.tooltip = tooltip;
    if (status.state !== 'missing') {
      this.command = { command: CommandId.localizationOpenSideBySide, title: vscode.l10n.t('Open Side by Side'), arguments: [this] };
    }
  }
}

class SourceNode extends vscode.TreeItem {
  readonly localization: LocalizationItem;

  constructor(
    readonly source: SourceEntry,
    expanded: boolean,
  ) {
    const name = source.relative.slice(source.relative.lastIndexOf('/') + 1);
    super(name, source.error ? vscode.TreeItemCollapsibleState.None : expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
    this.localization = { uri: source.uri };
    this.id = `localization:source:${source.uri.toString()}`;
    if (source.error) {
      this.description = source.error;
      this.iconPath = icon('error', 'list.errorForeground');
      this.contextValue = 'source unreadable';
      this.tooltip = `${source.relative}: ${source.error}`;
      return;
    }
    const summary = summarizeTargets(source.targets);
    this.description = summary.text;
    this.iconPath = summary.icon;
    this.contextValue = source.targets.some((target) => isUpdatable(target.status)) ? 'source updatable' : 'source';
    this.tooltip = `${source.relative}\n${source.targets.map((target) => `${target.to}: ${describeTarget(target.status).description}`).join('\n')}`;
  }
}

/** A source's targets in a few words: what needs work, by language (or "current"), and the icon of the worst. */
function summarizeTargets(targets: readonly TargetEntry[]): { text: string; icon: vscode.ThemeIcon } {
  const of = (state: string) => targets.filter((target) => target.status.state === state).map((target) => target.to);
  const stale = of('stale');
  const missing = of('missing');
  const parts: string[] = [];
  if (stale.length > 0) parts.push(vscode.l10n.t('stale: {0}', stale.join(', ')));
  if (missing.length > 0) parts.push(vscode.l10n.t('missing: {0}', missing.join(', ')));
  if (parts.length === 0) return { text: vscode.l10n.t('up to date'), icon: icon('pass', 'testing.iconPassed') };
  const worst = targets.some((target) => target.status.restructured || target.status.conflicts.length > 0)
    ? icon('warning', 'list.warningForeground')
    : stale.length > 0
      ? icon('diff-modified', 'list.warningForeground')
      : icon('circle-large-outline', 'disabledForeground');
  return { text: parts.join(' · '), icon: worst };
}

function toUpdate(sources: readonly SourceEntry[]): number {
  return sources.reduce((sum, source) => sum + source.targets.filter((target) => isUpdatable(target.status)).length, 0);
}

function countText(sources: readonly SourceEntry[]): string {
  const files = sources.length === 1 ? vscode.l10n.t('1 file') : vscode.l10n.t('{0} files', sources.length);
  const updates = toUpdate(sources);
  return updates === 0 ? files : vscode.l10n.t('{0} · {1} to update', files, updates);
}

class DirectoryNode extends vscode.TreeItem {
  readonly localization: LocalizationItem;

  constructor(
    readonly folder: vscode.WorkspaceFolder,
    readonly dir: string,
    readonly sources: SourceEntry[],
    readonly expandSources: boolean,
  ) {
    super(dir, vscode.TreeItemCollapsibleState.Expanded);
    this.localization = { uri: vscode.Uri.joinPath(folder.uri, ...dir.split('/')) };
    this.id = `localization:dir:${this.localization.uri.toString()}`;
    this.iconPath = vscode.ThemeIcon.Folder;
    this.description = countText(sources);
    this.contextValue = toUpdate(sources) > 0 ? 'directory updatable' : 'directory';
  }
}

class FolderNode extends vscode.TreeItem {
  readonly localization: LocalizationItem;

  constructor(readonly entry: FolderEntry) {
    super(entry.folder.name, vscode.TreeItemCollapsibleState.Expanded);
    this.localization = { uri: entry.folder.uri };
    this.id = `localization:folder:${entry.folder.uri.toString()}`;
    this.iconPath = icon('root-folder');
    this.description = `${countText(entry.sources)} · ${entry.targets.join(', ')}`;
    this.contextValue = toUpdate(entry.sources) > 0 ? 'folder updatable' : 'folder';
  }
}

class MessageNode extends vscode.TreeItem {
  constructor(id: string, message: string, kind: 'info' | 'error', command?: vscode.Command) {
    super(message, vscode.TreeItemCollapsibleState.None);
    this.id = `localization:message:${id}`;
    this.contextValue = `message ${kind}`;
    this.iconPath = icon(kind);
    this.tooltip = message;
    if (command) this.command = command;
  }
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

export class LocalizationTree extends Disposable implements vscode.TreeDataProvider<Node> {
  private readonly changed = this.register(new vscode.EventEmitter<Node | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<Node>;

  constructor(private readonly index: LocalizationIndex) {
    super();
    this.view = this.register(vscode.window.createTreeView(LOCALIZATION_VIEW, { treeDataProvider: this, showCollapseAll: true, canSelectMany: true }));
    this.register(index.onDidChange(() => this.changed.fire(undefined)));
  }

  /** Computes the tree again now (the view's Refresh). */
  async refresh(): Promise<void> {
    await this.index.refresh();
  }

  getTreeItem(node: Node): vscode.TreeItem {
    return node;
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (node instanceof SourceNode) return node.source.targets.map((target) => new TargetNode(node.source, target));
    if (node instanceof DirectoryNode) return node.sources.map((source) => new SourceNode(source, node.expandSources));
    if (node instanceof FolderNode) return this.folderChildren(node.entry);
    if (node) return [];
    let folders: FolderEntry[];
    try {
      folders = await this.index.folders();
    } catch (error) {
      return [new MessageNode('error', vscode.l10n.t('Could not read the translations: {0}', describeError(error)), 'error', { command: CommandId.localizationRefresh, title: vscode.l10n.t('Retry') })];
    }
    this.showBadge(folders);
    const shown = folders.filter((entry) => entry.sources.length > 0 || entry.inPlace || entry.error);
    // Nothing to show: the view's welcome content (no folder open, or no Markdown) takes the place.
    if (shown.length === 0) return [];
    if (folders.length === 1) return this.folderChildren(shown[0]);
    return shown.map((entry) => new FolderNode(entry));
  }

  private folderChildren(entry: FolderEntry): Node[] {
    const nodes: Node[] = [];
    const id = entry.folder.uri.toString();
    if (entry.error) nodes.push(new MessageNode(`${id}:error`, entry.error, 'error'));
    if (entry.inPlace) {
      nodes.push(
        new MessageNode(`${id}:inPlace`, vscode.l10n.t('Markdown output is set to "in place": this view follows sibling translations (README.ko.md).'), 'info', {
          command: 'workbench.action.openSettings',
          title: vscode.l10n.t('Open Settings'),
          arguments: ['hivePapago.markdown.output'],
        }),
      );
      return nodes;
    }
    const expand = entry.sources.length <= EXPAND_UP_TO;
    const grouped = groupByDirectory(entry.sources, (source) => source.relative);
    nodes.push(...grouped.root.map((source) => new SourceNode(source, expand)));
    nodes.push(...grouped.dirs.map((group) => new DirectoryNode(entry.folder, group.dir, group.items, expand)));
    return nodes;
  }

  /** The number of translations to update, on the view's icon. */
  private showBadge(folders: readonly FolderEntry[]): void {
    const count = folders.reduce((sum, entry) => sum + toUpdate(entry.sources), 0);
    this.view.badge = count > 0 ? { value: count, tooltip: count === 1 ? vscode.l10n.t('1 translation to update') : vscode.l10n.t('{0} translations to update', count) } : undefined;
  }
}
