// Finds the call a background action is for: the tracked one, or one from a client rebuilt once
// through `createClient` (concurrent arrivals share that one creation; a failed one is retried).
import type { PushConfig } from '../config';
import { KeepCallError, messageOf } from '../errors';
import type { CallLike, ClientLike } from '../types';

interface ReachOptions {
  tracked(callId: string): CallLike | undefined;
  createClient(): PushConfig['createClient'];
}

/** Returns `reach(callId)`, which resolves to the call or rejects with `create-client-failed`. */
export function createCallReacher(options: ReachOptions) {
  let clientPromise: Promise<ClientLike> | undefined;

  function client(callId: string): Promise<ClientLike> {
    const factory = options.createClient();
    if (!factory) {
      return Promise.reject(
        new KeepCallError(
          'create-client-failed',
          `no call "${callId}" is tracked and setPushConfig has no createClient to rebuild the client`,
          { callId },
        ),
      );
    }
    if (!clientPromise) {
      clientPromise = build(factory, callId);
      clientPromise.catch(() => {
        clientPromise = undefined;
      });
    }
    return clientPromise;
  }

  return async function reach(callId: string): Promise<CallLike> {
    const tracked = options.tracked(callId);
    if (tracked) return tracked;
    const call = await (await client(callId)).getCall(callId);
    if (!call)
      throw new KeepCallError('create-client-failed', `the client has no call "${callId}"`, { callId });
    return call;
  };
}

async function build(factory: NonNullable<PushConfig['createClient']>, callId: string): Promise<ClientLike> {
  let client: ClientLike | undefined;
  try {
    client = await factory();
  } catch (error) {
    throw new KeepCallError('create-client-failed', `createClient threw: ${messageOf(error)}`, {
      callId,
      cause: error,
    });
  }
  if (!client) throw new KeepCallError('create-client-failed', 'createClient returned undefined', { callId });
  return client;
}
