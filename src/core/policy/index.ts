import type { Model } from '../model';
import type { Keeper } from '../types';
import { desiredAndroid } from './android';
import { desiredIos } from './ios';
import type { Note } from './note';
import { desiredWeb } from './web';

export {
  desiredAndroid,
  FGS_PERMISSION,
  LIBRARY_SERVICE_TYPES,
  notificationFor,
  PROFILE_TYPES,
} from './android';
export { desiredIos } from './ios';
export type { Note } from './note';
export { desiredWeb, WEB_NOTIFICATION_TAG } from './web';

/** The keeper the platform should hold for this model, given what the device holds. */
export function desired(model: Model, actual: Keeper): { keeper: Keeper; notes: Note[] } {
  switch (model.platform.os) {
    case 'android': {
      const { keeper, notes } = desiredAndroid(model, actual);
      return { keeper: { android: keeper }, notes };
    }
    case 'ios': {
      const notes: Note[] = [];
      if (!model.push.enableOngoingCalls && Object.keys(model.calls).length > 0) {
        notes.push({
          code: 'unsupported',
          message:
            'enableOngoingCalls is off: calls are not reported to CallKit and iOS suspends the app in the background (I1, I10); turn it on with setPushConfig',
        });
      }
      return { keeper: { ios: desiredIos(model, actual) }, notes };
    }
    case 'web':
      return { keeper: { web: desiredWeb(model) }, notes: [] };
  }
}
