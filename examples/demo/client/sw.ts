// The demo's service worker: keepcall's notification handling, and taking control at once so
// the first visit can already show the ongoing-call notification.
import { installKeepCallWorker } from '../../../src/web/sw';

const sw = globalThis as unknown as ServiceWorkerGlobalScope;
installKeepCallWorker(sw);
sw.addEventListener('install', () => void sw.skipWaiting());
sw.addEventListener('activate', (event) => event.waitUntil(sw.clients.claim()));
