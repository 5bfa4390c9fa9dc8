// desiredWeb as a table: the model's facts in, what the page exposes (Media Session, the service-worker
// notification, the wake lock) and the notes out. Unless a row says otherwise: the page visible
// (`active`), DEFAULT_CONFIG.web, one joined audio call `c1`, Notification.maxActions unknown
// (see ../policy-tables.ts).
import { describe, expect, it } from 'vitest';
import type { MediaSessionSpec, WebNotificationSpec } from '../../../src/core/types';
import { call, decideWeb, type NoteRow, notesLike, type WebFacts } from '../policy-tables';

const VIDEO = { media: { video: true } };

describe('desiredWeb: which call, and nothing without one', () => {
  it.each<WebFacts & { name: string; shows: string | null }>([
    { name: 'call: none, so no session, no notification, no wake lock', calls: [], shows: null },
    {
      name: 'call: one still joining is not shown yet',
      calls: [call('c1', { phase: 'joining' })],
      shows: null,
    },
    { name: 'call: a joined one is shown', shows: 'c1' },
    {
      name: 'call: a reconnecting one is still shown',
      calls: [call('c1', { phase: 'reconnecting' })],
      shows: 'c1',
    },
    {
      name: 'call: of two joined, the most recently joined',
      calls: [call('c1', { order: 1 }), call('c2', { order: 2 })],
      shows: 'c2',
    },
    {
      name: 'call: a joined one before a newer one still joining',
      calls: [call('c1', { order: 1 }), call('c2', { phase: 'joining', order: 2 })],
      shows: 'c1',
    },
  ])('$name', (row) => {
    const { keeper, notes } = decideWeb({ ...row, app: 'background', ...VIDEO });
    // A tracked call arms the unload guard even before it shows (it is still joining).
    if (row.shows === null)
      expect(keeper).toEqual({
        session: null,
        notification: null,
        wakeLock: false,
        unloadGuard: (row.calls?.length ?? 0) > 0,
      });
    else {
      expect(keeper.session?.callId).toBe(row.shows);
      expect(keeper.notification?.callId).toBe(row.shows);
    }
    expect(notes).toEqual([]);
  });
});

describe('desiredWeb: Media Session (W3)', () => {
  it.each<WebFacts & { name: string; session: Partial<MediaSessionSpec> | null }>([
    {
      name: 'W3 an audio call: hang up, microphone and camera toggles, the microphone on',
      session: {
        callId: 'c1',
        actions: ['hangup', 'togglemicrophone', 'togglecamera'],
        microphoneActive: true,
        cameraActive: false,
      },
    },
    {
      name: 'W3 muted: the microphone shows off',
      calls: [call('c1', { media: { muted: true } })],
      session: { microphoneActive: false },
    },
    {
      name: 'W3 no audio: no microphone toggle, the microphone off',
      calls: [call('c1', { media: { audio: false } })],
      session: { actions: ['hangup', 'togglecamera'], microphoneActive: false },
    },
    {
      name: 'W3 a video call (pictureInPicture "video"): picture-in-picture offered, the camera on',
      calls: [call('c1', VIDEO)],
      session: {
        actions: ['hangup', 'togglemicrophone', 'togglecamera', 'enterpictureinpicture'],
        cameraActive: true,
      },
    },
    {
      name: 'W3 pictureInPicture "always": offered on an audio call too',
      config: { web: { pictureInPicture: 'always' } },
      session: { actions: ['hangup', 'togglemicrophone', 'togglecamera', 'enterpictureinpicture'] },
    },
    {
      name: 'W3 pictureInPicture "never": not offered on a video call',
      calls: [call('c1', VIDEO)],
      config: { web: { pictureInPicture: 'never' } },
      session: { actions: ['hangup', 'togglemicrophone', 'togglecamera'] },
    },
    {
      name: "W3 the title is the call's display name, the artist the configured title",
      calls: [call('c1', { displayName: 'Ada' })],
      session: { title: 'Ada', artist: 'Call in progress' },
    },
    {
      name: 'W3 an empty display name falls back to the configured title, like a missing one (as A14, I3)',
      calls: [call('c1', { displayName: '' })],
      session: { title: 'Call in progress', artist: 'Call in progress' },
    },
    {
      name: 'W3 a blank display name (spaces) falls back to the configured title too',
      calls: [call('c1', { displayName: '  ' })],
      session: { title: 'Call in progress' },
    },
    {
      name: 'W3 without a display name the configured title is both',
      config: { web: { notificationTexts: { title: 'On air' } } },
      session: { title: 'On air', artist: 'On air' },
    },
    { name: 'W3 mediaSession off: no session', config: { web: { mediaSession: false } }, session: null },
  ])('$name', (row) => {
    const { keeper } = decideWeb(row);
    if (row.session === null) expect(keeper.session).toBeNull();
    else expect(keeper.session).toMatchObject(row.session);
  });
});

describe('desiredWeb: the service-worker notification while hidden', () => {
  it.each<WebFacts & { name: string; notification: Partial<WebNotificationSpec> | null }>([
    {
      name: 'W3 the page visible: no notification (its controls are on the page)',
      app: 'active',
      notification: null,
    },
    { name: 'W3 picture-in-picture counts as visible: no notification', app: 'pip', notification: null },
    {
      name: 'W3 the page hidden: the notification, with the configured texts',
      app: 'background',
      notification: {
        callId: 'c1',
        tag: 'keepcall-ongoing-call',
        title: 'Call in progress',
        body: 'Your call continues in the background',
      },
    },
    {
      name: 'W3 inactive (another window focused) counts as hidden',
      app: 'inactive',
      notification: { callId: 'c1' },
    },
    { name: 'W3 the page unloaded (destroyed): no notification', app: 'destroyed', notification: null },
    {
      name: 'W3 the display name leads the body',
      app: 'background',
      calls: [call('c1', { displayName: 'Ada' })],
      notification: { title: 'Call in progress', body: 'Ada · Your call continues in the background' },
    },
    {
      name: 'W3 a blank display name does not lead the body (no " · " before it)',
      app: 'background',
      calls: [call('c1', { displayName: ' ' })],
      notification: { title: 'Call in progress', body: 'Your call continues in the background' },
    },
    {
      name: 'W3 notification off: none while hidden',
      app: 'background',
      config: { web: { notification: false } },
      notification: null,
    },
  ])('$name', (row) => {
    const { keeper } = decideWeb(row);
    if (row.notification === null) expect(keeper.notification).toBeNull();
    else expect(keeper.notification).toMatchObject(row.notification);
  });
});

const RAISE = { id: 'raise', label: 'Raise hand' };
const APP_ACTIONS = [RAISE, { id: 'share', label: 'Share' }];

describe("desiredWeb: the notification's buttons, as many as the browser shows (W5)", () => {
  it.each<WebFacts & { name: string; buttons: string[]; notes?: NoteRow[] }>([
    { name: 'W5 maxActions unknown (2): Return to call first, then Hang up', buttons: ['return', 'hangup'] },
    { name: 'W5 maxActions 2: Return to call, Hang up', maxActions: 2, buttons: ['return', 'hangup'] },
    {
      name: 'W5 maxActions 1: Hang up only (a click on the notification returns)',
      maxActions: 1,
      buttons: ['hangup'],
    },
    { name: 'W5 maxActions 0: no button', maxActions: 0, buttons: [] },
    {
      name: "W5 maxActions 2, one of the app's: Hang up, then the app's; Return left to the click",
      config: { web: { actions: [RAISE] } },
      buttons: ['hangup', 'app:raise'],
    },
    {
      name: "W5 maxActions 2, two of the app's: the second is left out and named",
      config: { web: { actions: APP_ACTIONS } },
      buttons: ['hangup', 'app:raise'],
      notes: [['unsupported', '"share" is not shown: this browser shows 2 notification actions']],
    },
    {
      name: "W5 maxActions 3, one of the app's: Return to call first, Hang up, the app's",
      maxActions: 3,
      config: { web: { actions: [RAISE] } },
      buttons: ['return', 'hangup', 'app:raise'],
    },
    {
      name: "W5 maxActions 4, two of the app's: all shown, Return to call first",
      maxActions: 4,
      config: { web: { actions: APP_ACTIONS } },
      buttons: ['return', 'hangup', 'app:raise', 'app:share'],
    },
    {
      name: "W5 maxActions 1, two of the app's: Hang up, both of the app's named",
      maxActions: 1,
      config: { web: { actions: APP_ACTIONS } },
      buttons: ['hangup'],
      notes: [
        ['unsupported', '"raise" is not shown: this browser shows 1 notification actions'],
        ['unsupported', '"share" is not shown'],
      ],
    },
  ])('$name', (row) => {
    const { keeper, notes } = decideWeb({ app: 'background', ...row });
    const actions = keeper.notification?.actions ?? [];
    expect(actions.map((action) => (action.action === 'app' ? `app:${action.id}` : action.action))).toEqual(
      row.buttons,
    );
    expect(notes).toEqual(notesLike(row.notes ?? []));
  });

  it('W5 labels come from actionLabels', () => {
    const config = { web: { actionLabels: { return: 'Back', hangup: 'End' } } };
    expect(decideWeb({ app: 'background', config }).keeper.notification?.actions).toEqual([
      { action: 'return', title: 'Back' },
      { action: 'hangup', title: 'End' },
    ]);
  });

  it('W5 the overflow is noted only when the notification is shown (the page hidden)', () => {
    const config = { web: { actions: APP_ACTIONS } };
    expect(decideWeb({ app: 'active', config }).notes).toEqual([]);
  });
});

describe('desiredWeb: the screen wake lock (W4)', () => {
  it.each<WebFacts & { name: string; wakeLock: boolean }>([
    { name: 'W4 a video call, the page visible: held', calls: [call('c1', VIDEO)], wakeLock: true },
    { name: 'W4 an audio call: not held', wakeLock: false },
    { name: 'W4 the page hidden: released', app: 'background', calls: [call('c1', VIDEO)], wakeLock: false },
    { name: 'W4 inactive: released', app: 'inactive', calls: [call('c1', VIDEO)], wakeLock: false },
    {
      name: 'W4 picture-in-picture: released (the page itself is hidden)',
      app: 'pip',
      calls: [call('c1', VIDEO)],
      wakeLock: false,
    },
    {
      name: 'W4 wakeLock off: not held',
      config: { web: { wakeLock: false } },
      calls: [call('c1', VIDEO)],
      wakeLock: false,
    },
  ])('$name', (row) => {
    expect(decideWeb(row).keeper.wakeLock).toBe(row.wakeLock);
  });
});
