export {
  GlossaryClient,
  encodeKey as encodeGlossaryKey,
  GLOSSARY_MAX_DESCRIPTION_CHARS,
  GLOSSARY_MAX_NAME_CHARS,
  GLOSSARY_MAX_PAGE_SIZE,
  type Glossary,
  type GlossaryDownload,
  type GlossaryListOptions,
  type GlossaryPage,
  type GlossaryRequestOptions,
} from './client';
export {
  formatGlossaryCsv,
  GLOSSARY_MAX_FILE_BYTES,
  GLOSSARY_MAX_LISTED_PROBLEMS,
  GLOSSARY_MAX_TERM_CHARS,
  GlossaryCsvError,
  isGlossaryHeader,
  quoteCsvField,
  validateGlossaryCsv,
  type GlossaryCsvProblem,
  type GlossaryCsvTerm,
  type GlossaryTerm,
  type ValidatedGlossaryCsv,
} from './csv';
export { csvFromZip, GLOSSARY_MAX_UNZIPPED_BYTES, type ZippedCsv } from './zip';
