/** The state file's name, at the root of the run (a light module: the extension watches it from activation). */
export const STATE_FILE = '.hive-papago-state.jsonl';
