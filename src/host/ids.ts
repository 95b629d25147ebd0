/**
 * The ids the extension contributes in package.json, in one place: commands register under
 * them and views link to them, so neither needs to import the other.
 */
export const CommandId = {
  translateSelection: 'hivePapago.translateSelection',
  translateMarkdownFile: 'hivePapago.translateMarkdownFile',
  setCredentials: 'hivePapago.setCredentials',
  clearCredentials: 'hivePapago.clearCredentials',
  testConnection: 'hivePapago.testConnection',
  selectProvider: 'hivePapago.selectProvider',
  selectTargetLanguages: 'hivePapago.selectTargetLanguages',
  selectSourceLanguage: 'hivePapago.selectSourceLanguage',
  showLog: 'hivePapago.showLog',
  glossaryRefresh: 'hivePapago.glossary.refresh',
  glossaryCreate: 'hivePapago.glossary.create',
  glossaryUpload: 'hivePapago.glossary.upload',
  glossaryDownload: 'hivePapago.glossary.download',
  glossaryDelete: 'hivePapago.glossary.delete',
  glossaryCopyKey: 'hivePapago.glossary.copyKey',
  glossaryUseForTranslation: 'hivePapago.glossary.useForTranslation',
  glossaryLoadMore: 'hivePapago.glossary.loadMore',
  cancel: 'hivePapago.cancel',
  applyShownTranslation: 'hivePapago.applyShownTranslation',
  copyShownTranslation: 'hivePapago.copyShownTranslation',
  statusMenu: 'hivePapago.statusMenu',
  applyReview: 'hivePapago.applyReview',
  discardReview: 'hivePapago.discardReview',
  localizeFolder: 'hivePapago.localizeFolder',
  updateStale: 'hivePapago.updateStale',
  localizationRefresh: 'hivePapago.localization.refresh',
  localizationUpdate: 'hivePapago.localization.update',
  localizationOpenSideBySide: 'hivePapago.localization.openSideBySide',
  localizationShowSourceChanges: 'hivePapago.localization.showSourceChanges',
} as const;

export type CommandId = (typeof CommandId)[keyof typeof CommandId];

/** The glossary tree's view id. */
export const GLOSSARY_VIEW = 'hivePapago.glossaries';

/** The localization tree's view id (sources x target languages). */
export const LOCALIZATION_VIEW = 'hivePapago.localization';

/** Context keys for `when` clauses. */
export const ContextKey = {
  /** A translation is running (enables "Cancel Running Translations"). */
  busy: 'hivePapago.busy',
  /** NCP IAM keys are stored (enables the glossary commands). */
  ncpCredentials: 'hivePapago.ncpCredentials',
  /** A translation waits for review in a diff editor (enables Apply and Discard in the palette). */
  reviewing: 'hivePapago.reviewing',
} as const;
