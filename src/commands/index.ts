import { cancel } from './cancel';
import { clearCredentials } from './clearCredentials';
import { copyGlossaryKey } from './glossary/copyKey';
import { createGlossary } from './glossary/create';
import { deleteGlossary } from './glossary/delete';
import { downloadGlossary } from './glossary/download';
import { loadMoreGlossaries, refreshGlossaries } from './glossary/refresh';
import { uploadGlossary } from './glossary/upload';
import { useGlossaryForTranslation } from './glossary/useForTranslation';
import { openSideBySide } from './localization/openSideBySide';
import { refreshLocalization } from './localization/refresh';
import { showSourceChanges } from './localization/showSourceChanges';
import { updateLocalization } from './localization/update';
import { localizeFolder } from './localizeFolder';
import type { Command } from './registry';
import { applyReview, discardReview } from './review';
import { selectProvider } from './selectProvider';
import { selectSourceLanguage } from './selectSourceLanguage';
import { selectTargetLanguages } from './selectTargetLanguages';
import { setCredentials } from './setCredentials';
import { applyShownTranslation, copyShownTranslation } from './shownTranslation';
import { showLog } from './showLog';
import { statusMenu } from './statusMenu';
import { testConnection } from './testConnection';
import { translateMarkdownFile } from './translateMarkdownFile';
import { translateSelection } from './translateSelection';
import { updateStale } from './updateStale';

/** Every command of the extension, registered from this one table. */
export const COMMANDS: readonly Command[] = [
  translateSelection,
  translateMarkdownFile,
  setCredentials,
  clearCredentials,
  testConnection,
  selectProvider,
  selectTargetLanguages,
  selectSourceLanguage,
  showLog,
  cancel,
  refreshGlossaries,
  loadMoreGlossaries,
  createGlossary,
  uploadGlossary,
  downloadGlossary,
  deleteGlossary,
  copyGlossaryKey,
  useGlossaryForTranslation,
  applyShownTranslation,
  copyShownTranslation,
  statusMenu,
  applyReview,
  discardReview,
  localizeFolder,
  updateStale,
  refreshLocalization,
  updateLocalization,
  openSideBySide,
  showSourceChanges,
];
