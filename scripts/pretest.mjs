// Installs what the tests need and cannot get from npm: Debian's chromium, and Expo's bare template
// (packed once into .cache/ so the plugin and doctor tests run on a real project, offline after).
import './ensure-chromium.mjs';
import { fetchTemplate } from './fetch-template.mjs';

fetchTemplate();
