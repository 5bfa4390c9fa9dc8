// The status panel's "this tab" card: what keepcall knows (model), what it wants (desired keeper),
// what the browser holds (actual), and the last commands and errors.
import type { Command, KeepCallError, RuntimeEvent, RuntimeState } from '../../../src/web/index';
import { h } from './dom';

/** One line of the command log: done, failed, or a neutral fact (something the browser simply did not grant). */
export interface LogLine {
  at: number;
  text: string;
  ok: boolean;
  neutral?: boolean;
}

/** A wake lock the browser did not grant (NotAllowedError: a headless browser, battery saver, a policy): not a fault. */
export function wakeLockNotGranted(error: KeepCallError | undefined): boolean {
  if (error?.code !== 'start-not-allowed') return false;
  // The port may wrap the driver's error: look down the cause chain for the browser's own.
  let cause: unknown = error.cause;
  for (let depth = 0; depth < 4 && typeof cause === 'object' && cause !== null; depth += 1) {
    if ((cause as { name?: unknown }).name === 'NotAllowedError') return true;
    cause = (cause as { cause?: unknown }).cause;
  }
  return false;
}

const WAKE_LOCK_NOT_GRANTED = 'wake lock not granted by this browser: the screen may dim; the call goes on';

/** Keeps the last commands and errors for display. */
export class EventLog {
  readonly lines: LogLine[] = [];

  /** Records a runtime event worth showing. */
  record(event: RuntimeEvent): void {
    if (
      event.type === 'command' &&
      event.command.kind === 'web.wakeLock' &&
      wakeLockNotGranted(event.error)
    ) {
      this.lines.unshift({ at: Date.now(), text: WAKE_LOCK_NOT_GRANTED, ok: true, neutral: true });
      this.lines.length = Math.min(this.lines.length, 8);
    } else if (event.type === 'command') this.push(describeCommand(event.command), !event.error, event.error);
    // The same refusal also arrives as an error event: already said, neutrally, above.
    else if (event.type === 'error' && !wakeLockNotGranted(event.error))
      this.push(`error ${event.error.code}: ${event.error.message}`, false);
  }

  /** Records something the page saw (an action from outside the page, a missing feature). */
  note(text: string, ok = true): void {
    this.push(text, ok);
  }

  private push(text: string, ok: boolean, error?: KeepCallError) {
    this.lines.unshift({ at: Date.now(), text: error ? `${text} → ${error.code}` : text, ok });
    this.lines.length = Math.min(this.lines.length, 8);
  }
}

/** A short, human description of a command. */
export function describeCommand(command: Command): string {
  switch (command.kind) {
    case 'web.session':
      return command.session
        ? `Media Session ← "${command.session.title}" [${command.session.actions.join(', ')}]`
        : 'Media Session cleared';
    case 'web.notification':
      return command.notification
        ? `notification shown (tag ${command.notification.tag})`
        : 'notification closed';
    case 'web.wakeLock':
      return command.held ? 'wake lock requested' : 'wake lock released';
    default:
      return command.kind;
  }
}

/** Renders the web card for the engine's state (or the control run's absence of it). */
export function renderWebCard(state: RuntimeState | undefined, log: EventLog): HTMLElement {
  if (!state) {
    return h(
      'section.card.web',
      {},
      h('h2', {}, 'This tab · web'),
      h(
        'p.off',
        {},
        'keepcall is off (?keepcall=off): this tab is the control run — nothing keeps or controls the call in the background.',
      ),
    );
  }
  const { model, desired, actual } = state;
  const call = Object.values(model.calls).sort((a, b) => b.order - a.order)[0];
  const want = desired.web;
  const have = actual.web;
  return h(
    'section.card.web',
    {},
    h('h2', {}, 'This tab · web'),
    h(
      'div.facts',
      {},
      fact('app', model.app),
      fact(
        'call',
        call
          ? `${call.phase}${call.media.muted ? ' · muted' : ''}${call.media.video ? ' · video' : ''}`
          : 'none',
      ),
      fact('notifications', model.permissions.notifications),
    ),
    h(
      'table.keeper',
      {},
      h('tr', {}, h('th', {}, ''), h('th', {}, 'desired'), h('th', {}, 'in the browser')),
      row(
        'Media Session',
        want?.session ? want.session.actions.join(' · ') : '—',
        have?.session ? 'set' : '—',
      ),
      row('Notification', want?.notification ? 'shown' : '—', have?.notification ? 'shown' : '—'),
      row('Wake lock', want?.wakeLock ? 'held' : '—', have?.wakeLock ? 'held' : '—'),
    ),
    h('h3', {}, 'Last commands'),
    h(
      'ol.log',
      {},
      ...(log.lines.length === 0
        ? [h('li.muted', {}, 'none yet')]
        : log.lines.map((line) =>
            line.neutral
              ? h('li.muted', {}, `· ${line.text}`)
              : h(line.ok ? 'li.ok' : 'li.bad', {}, `${line.ok ? '✓' : '✗'} ${line.text}`),
          )),
    ),
  );
}

function fact(label: string, value: string): HTMLElement {
  return h('span.fact', {}, h('b', {}, label), ` ${value}`);
}

function row(label: string, want: string, have: string): HTMLElement {
  return h(
    'tr',
    {},
    h('td', {}, label),
    h('td', {}, want),
    h(want === '—' || have !== '—' ? 'td' : 'td.pending', {}, have),
  );
}

/** What the browser's notification looks like while the tab is hidden (from the desired keeper). */
export function renderBrowserNotification(state: RuntimeState | undefined): HTMLElement {
  const spec = state?.desired.web?.notification ?? state?.actual.web?.notification;
  const session = state?.desired.web?.session;
  const call = state && Object.values(state.model.calls)[0];
  if (!state || !call) return h('p.muted', {}, state ? 'Join a call to see what keepcall shows.' : '');
  const config = state.model.config.web;
  const hidden = spec !== null && spec !== undefined;
  return h(
    'div.browser-preview',
    {},
    h(
      'div.bp-label',
      {},
      hidden ? 'Shown now: the tab is hidden' : 'Shown when you switch away from this tab',
    ),
    h(
      'div.bp-notification',
      {},
      h('div.bp-origin', {}, `${location.host} · via service worker`),
      h('div.bp-title', {}, spec?.title ?? config.notificationTexts.title),
      h('div.bp-body', {}, spec?.body ?? `${call.displayName ?? ''} · ${config.notificationTexts.body}`),
      h(
        'div.bp-actions',
        {},
        h('span', {}, config.actionLabels.return),
        h('span.bp-hangup', {}, config.actionLabels.hangup),
      ),
    ),
    session
      ? h(
          'div.bp-session',
          {},
          h('b', {}, 'Media Session: '),
          `“${session.title}” · mic ${session.microphoneActive ? 'on' : 'off'} · camera ${session.cameraActive ? 'on' : 'off'} · buttons: ${session.actions.join(', ')}`,
        )
      : null,
  );
}
