import * as vscode from 'vscode';
import { userMessage } from '../core/errors';
import type { Glossary } from '../core/glossary';
import { Disposable } from '../host/dispose';
import { CommandId, ContextKey, GLOSSARY_VIEW } from '../host/ids';
import type { Services } from '../host/services';
import { describeError, formatDateTime } from '../host/messages';
import type { GlossaryList } from '../host/views';
const PAGE_SIZE = 30;

/** A glossary in the tree; commands accept it in place of `{glossaryKey}` (see `glossaryOfItem`). */
class GlossaryItem extends vscode.TreeItem {
  constructor(
    readonly glossary: Glossary,
    usedFor: string[],
  ) {
    super(glossary.name, vscode.TreeItemCollapsibleState.None);
    this.id = `glossary:${glossary.key}`;
    this.contextValue = 'glossary';
    this.iconPath = new vscode.ThemeIcon(usedFor.length > 0 ? 'pass-filled' : 'book');
    const terms = glossary.wordCount === 1 ? vscode.l10n.t('1 term') : vscode.l10n.t('{0} terms', glossary.wordCount);
    this.description = usedFor.length > 0 ? `${terms} · ${usedFor.join(', ')}` : terms;
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown(`**${escape(glossary.name)}**\n\n`);
    if (glossary.description) tooltip.appendMarkdown(`${escape(glossary.description)}\n\n`);
    tooltip.appendMarkdown(`${vscode.l10n.t('Terms')}: ${glossary.wordCount}\n\n`);
    if (glossary.created) tooltip.appendMarkdown(`${vscode.l10n.t('Created')}: ${formatDateTime(glossary.created)}\n\n`);
    if (glossary.updated) tooltip.appendMarkdown(`${vscode.l10n.t('Updated')}: ${formatDateTime(glossary.updated)}\n\n`);
    if (usedFor.length > 0) tooltip.appendMarkdown(`${vscode.l10n.t('Used for')}: ${usedFor.join(', ')}\n\n`);
    tooltip.appendMarkdown(`${vscode.l10n.t('Key')}: \`${glossary.key}\``);
    this.tooltip = tooltip;
  }
}

class LoadMoreItem extends vscode.TreeItem {
  constructor(loaded: number, total: number) {
    super(vscode.l10n.t('Load more… ({0} of {1})', loaded, total), vscode.TreeItemCollapsibleState.None);
    this.id = 'glossary:loadMore';
    this.contextValue = 'loadMore';
    this.iconPath = new vscode.ThemeIcon('ellipsis');
    this.command = { command: CommandId.glossaryLoadMore, title: vscode.l10n.t('Load More Glossaries') };
  }
}

/** A listing error, in place of the rest of the list; a click retries. */
class ErrorItem extends vscode.TreeItem {
  constructor(message: string) {
    super(message, vscode.TreeItemCollapsibleState.None);
    this.id = 'glossary:error';
    this.contextValue = 'error';
    this.iconPath = new vscode.ThemeIcon('error');
    this.tooltip = message;
    this.command = { command: CommandId.glossaryRefresh, title: vscode.l10n.t('Retry') };
  }
}

type Node = GlossaryItem | LoadMoreItem | ErrorItem;

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

/**
 * The glossary tree: pages of glossaries with a "Load more" node, errors shown in the view
 * itself, and nothing fetched until the view is opened. It displays; the glossary client comes
 * from `Services`.
 */
export class GlossaryTree extends Disposable implements vscode.TreeDataProvider<Node>, GlossaryList {
  private readonly changed = this.register(new vscode.EventEmitter<Node | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<Node>;

  private glossaries: Glossary[] = [];
  private page = 0;
  private totalPages = 0;
  private total = 0;
  private error: string | undefined;
  private loading: Promise<void> | undefined;

  constructor(private readonly services: Services) {
    super();
    this.view = this.register(vscode.window.createTreeView(GLOSSARY_VIEW, { treeDataProvider: this, showCollapseAll: false }));
    this.register(services.credentials.onDidChange((service) => {
      if (service === 'ncpIam') void this.refresh();
    }));
  }

  getTreeItem(node: Node): vscode.TreeItem {
    return node;
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (node) return [];
    const hasCredentials = await this.services.credentials.has('ncpIam');
    await vscode.commands.executeCommand('setContext', ContextKey.ncpCredentials, hasCredentials);
    if (!hasCredentials) {
      this.reset();
      return [];
    }
    if (this.page === 0 && !this.error) await this.loadNextPage();
    const nodes: Node[] = this.glossaries.map((g) => new GlossaryItem(g, this.services.glossaryChoices.pairsUsing(g.key)));
    if (this.error) {
      nodes.push(new ErrorItem(this.error));
    } else if (this.page < this.totalPages) {
      nodes.push(new LoadMoreItem(this.glossaries.length, this.total));
    }
    // No glossaries: the view is empty and shows its welcome content (package.json viewsWelcome).
    return nodes;
  }

  /** Loaded glossaries, for pickers and tests. */
  get loaded(): readonly Glossary[] {
    return this.glossaries;
  }

  get hasMore(): boolean {
    return this.page < this.totalPages;
  }

  get lastError(): string | undefined {
    return this.error;
  }

  /** Forgets what was loaded and reloads the first page. */
  async refresh(): Promise<void> {
    this.reset();
    await this.loadNextPage();
    this.changed.fire(undefined);
  }

  /** Appends the next page. */
  async loadMore(): Promise<void> {
    await this.loadNextPage();
    this.changed.fire(undefined);
  }

  /** Redraws items whose "used for" changed. */
  redraw(): void {
    this.changed.fire(undefined);
  }

  private reset(): void {
    this.glossaries = [];
    this.page = 0;
    this.totalPages = 0;
    this.total = 0;
    this.error = undefined;
    this.view.message = undefined;
  }

  private loadNextPage(): Promise<void> {
    this.loading ??= this.fetchPage().finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  private async fetchPage(): Promise<void> {
    if (!(await this.services.credentials.has('ncpIam'))) return;
    try {
      const client = await this.services.glossaryClient();
      const result = await client.list({ page: this.page + 1, pageSize: PAGE_SIZE });
      const known = new Set(this.glossaries.map((g) => g.key));
      this.glossaries.push(...result.glossaries.filter((g) => !known.has(g.key)));
      this.page = result.page;
      this.totalPages = result.totalPages;
      this.total = result.total;
      this.error = undefined;
      this.view.message = undefined;
    } catch (error) {
      this.error = describeError(error);
      this.view.message = vscode.l10n.t('Could not load glossaries: {0}', this.error);
      this.services.logger.error(`glossary list: ${userMessage(error)}`);
    }
  }
}
