// Installs what the tests need and cannot get from npm (Debian's chromium), then builds.
import './ensure-chromium.mjs';
