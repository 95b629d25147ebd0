import { APPLY_SHOWN, COPY_SHOWN } from '../views/translationHover';
import { STATUS_MENU, StatusBar } from '../views/statusBar';
import { cancel } from './cancel';
import { clearCredentials } from './clearCredentials';
import { copyGlossaryKey } from './glossary/copyKey';
import { createGlossary } from './glossary/create';
import { deleteGlossary } from './glossary/delete';
import { downloadGlossary } from './glossary/download';
import { loadMoreGlossaries, refreshGlossaries } from './glossary/refresh';
import { uploadGlossary } from './glossary/upload';
import { useGlossaryForTranslation } from './glossary/useForTranslation';
import type { Command } from './registry';
import { selectProvider } from './selectProvider';
import { selectTargetLanguages } from './selectTargetLanguages';
import { setCredentials } from './setCredentials';
import { showLog } from './showLog';
import { testConnection } from './testConnection';
import { translateMarkdownFile } from './translateMarkdownFile';
import { translateSelection } from './translateSelection';

/** Every command of the extension, registered from this one table. */
export const COMMANDS: readonly Command[] = [
  translateSelection,
  translateMarkdownFile,
  setCredentials,
  clearCredentials,
  testConnection,
  selectProvider,
  selectTargetLanguages,
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
  { id: APPLY_SHOWN, run: ({ translationHover }, arg) => translationHover.apply(arg) },
  { id: COPY_SHOWN, run: ({ translationHover }, arg) => translationHover.copy(arg) },
  { id: STATUS_MENU, run: () => StatusBar.showMenu() },
];
