// The command line of a code-server for tests and the sandbox: loopback only, no login, no
// telemetry or update checks, no workspace trust prompt, and its own user data and extensions.

/**
 * Arguments after code-server's entry script.
 * @param {{ config: string, port: number, userData: string, extensions: string }} options
 * @returns {string[]}
 */
export function codeServerArgs({ config, port, userData, extensions }) {
  return [
    '--config', config,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--user-data-dir', userData,
    '--extensions-dir', extensions,
  ];
}
