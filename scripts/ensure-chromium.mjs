// Makes sure Debian's Chromium is present for the real-browser tests. It never downloads a browser
// build: it asks the system package manager, and fails loudly (never skips) when that is impossible.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = process.env.KEEPCALL_CHROMIUM ?? '/usr/bin/chromium';

const HOW_TO_INSTALL = `keepcall's end-to-end tests need Chromium at ${CHROMIUM}.
Install it with your system's package manager, for example on Debian or Ubuntu:
  sudo apt-get update && sudo apt-get install -y chromium
or point KEEPCALL_CHROMIUM at an existing Chromium or Chrome binary.`;

/** Runs a command with its output shown; returns whether it succeeded. */
function run(command, args) {
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return result.status === 0;
}

/** Installs chromium through apt-get when running as root on a system that has it. */
function installWithApt() {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    console.error('ensure-chromium: not running as root, cannot install chromium with apt-get.');
    return false;
  }
  if (spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status !== 0) {
    console.error('ensure-chromium: apt-get is not available on this system.');
    return false;
  }
  console.log('ensure-chromium: installing Debian chromium (apt-get install -y chromium)…');
  return (
    run('apt-get', ['update']) && run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'])
  );
}

if (!existsSync(CHROMIUM)) {
  installWithApt();
  if (!existsSync(CHROMIUM)) {
    console.error(`ensure-chromium: Chromium is missing and could not be installed.\n${HOW_TO_INSTALL}`);
    process.exit(1);
  }
}
