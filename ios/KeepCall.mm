// The TurboModule's ObjC++ face: codegen's NativeKeepCallSpec protocol and event emitters, forwarding
// every method to KeepCallCallKit (Swift) and its events back to JavaScript.
#import <KeepCallSpec/KeepCallSpec.h>
#import <React/RCTBridgeModule.h>

// The generated Swift header names CallKit, AVFoundation and UIKit types but imports them only with Clang
// modules on (`@import`): imported here first, it builds with modules off too.
#import <AVFoundation/AVFoundation.h>
#import <CallKit/CallKit.h>
#import <Foundation/Foundation.h>
#import <UIKit/UIKit.h>

#if __has_include(<keepcall/keepcall-Swift.h>)
#import <keepcall/keepcall-Swift.h>
#else
#import "keepcall-Swift.h"
#endif

@interface KeepCall : NativeKeepCallSpecBase <NativeKeepCallSpec>
@end

@implementation KeepCall

RCT_EXPORT_MODULE(KeepCall)

// Nothing in init needs the main thread (it only hands the event callback to the Swift singleton), so React
// Native may create the module on any queue instead of a synchronous main-queue dispatch.
+ (BOOL)requiresMainQueueSetup
{
  return NO;
}

// CallKit and the id map live on the main queue, like the provider's delegate.
- (dispatch_queue_t)methodQueue
{
  return dispatch_get_main_queue();
}

- (instancetype)init
{
  if (self = [super init]) {
    __weak KeepCall *weakSelf = self;
    KeepCallCallKit.shared.emit = ^(NSString *name, NSDictionary *body) {
      [weakSelf emit:name body:body];
    };
  }
  return self;
}

// Every event goes through here. _eventEmitterCallback is set only after init, once JavaScript created the
// module's C++ half, and codegen before 0.88 calls it unchecked (an empty std::function: a crash). CallKit
// outlives a JavaScript reload, so a system action can arrive in between: it is dropped, as no JavaScript
// listens to it yet, and JavaScript reads the whole state at start (snapshot()).
- (void)emit:(NSString *)name body:(NSDictionary *)body
{
  if (!_eventEmitterCallback) {
    return;
  }
  if ([name isEqualToString:@"onMute"]) {
    [self emitOnMute:body];
  } else if ([name isEqualToString:@"onHold"]) {
    [self emitOnHold:body];
  } else if ([name isEqualToString:@"onCallKitEnded"]) {
    [self emitOnCallKitEnded:body];
  } else if ([name isEqualToString:@"onAudioSessionActivated"]) {
    [self emitOnAudioSessionActivated];
  } else if ([name isEqualToString:@"onAudioSessionDeactivated"]) {
    [self emitOnAudioSessionDeactivated];
  }
}

- (NSDictionary *)getPlatformInfo
{
  return [KeepCallCallKit.shared getPlatformInfo];
}

- (void)snapshot:(RCTPromiseResolveBlock)resolve reject:(RCTPromiseRejectBlock)reject
{
  [KeepCallCallKit.shared snapshot:resolve reject:reject];
}

- (void)createNotificationChannel:(NSString *)id
                             name:(NSString *)name
                          resolve:(RCTPromiseResolveBlock)resolve
                           reject:(RCTPromiseRejectBlock)reject
{
  [KeepCallCallKit.shared createNotificationChannel:id name:name resolve:resolve reject:reject];
}

- (void)startService:(JS::NativeKeepCall::NativeNotificationSpec &)notification
               types:(NSArray *)types
           fallbacks:(NSArray *)fallbacks
             resolve:(RCTPromiseResolveBlock)resolve
              reject:(RCTPromiseRejectBlock)reject
{
  [KeepCallCallKit.shared startService:resolve reject:reject];
}

- (void)updateService:(JS::NativeKeepCall::NativeNotificationSpec &)notification
                types:(NSArray *)types
            fallbacks:(NSArray *)fallbacks
              resolve:(RCTPromiseResolveBlock)resolve
               reject:(RCTPromiseRejectBlock)reject
{
  [KeepCallCallKit.shared updateService:resolve reject:reject];
}

- (void)stopService:(RCTPromiseResolveBlock)resolve reject:(RCTPromiseRejectBlock)reject
{
  [KeepCallCallKit.shared stopService:resolve reject:reject];
}

- (void)configureCallKit:(JS::NativeKeepCall::NativeCallKitConfig &)config
                 resolve:(RCTPromiseResolveBlock)resolve
                  reject:(RCTPromiseRejectBlock)reject
{
  [KeepCallCallKit.shared configureCallKit:config.appName()
                             supportsVideo:config.supportsVideo()
                    includesCallsInRecents:config.includesCallsInRecents()
                     iconTemplateImageName:config.iconTemplateImageName()
                         maximumCallGroups:(NSInteger)config.maximumCallGroups()
                  maximumCallsPerCallGroup:(NSInteger)config.maximumCallsPerCallGroup()
                                handleType:config.handleType()
                                   resolve:resolve
                                    reject:reject];
}

- (void)startCallKitCall:(JS::NativeKeepCall::NativeCallKitStart &)call
                 resolve:(RCTPromiseResolveBlock)resolve
                  reject:(RCTPromiseRejectBlock)reject
{
  KeepCallStart *start = [KeepCallStart new];
  start.callId = call.callId();
  start.uuid = call.uuid();
  start.hasVideo = call.hasVideo();
  start.displayName = call.displayName();
  start.handleType = call.handleType();
  start.handleValue = call.handleValue();
  start.audioCategory = call.audioCategory();
  start.audioMode = call.audioMode();
  start.allowBluetooth = call.allowBluetooth();
  start.supportsHolding = call.supportsHolding();
  start.supportsGrouping = call.supportsGrouping();
  start.supportsUngrouping = call.supportsUngrouping();
  start.supportsDTMF = call.supportsDTMF();
  [KeepCallCallKit.shared startCallKitCall:start resolve:resolve reject:reject];
}

- (void)reportCallKitConnecting:(JS::NativeKeepCall::NativeCallKitRequest &)call
                        resolve:(RCTPromiseResolveBlock)resolve
                         reject:(RCTPromiseRejectBlock)reject
{
  [KeepCallCallKit.shared reportCallKitConnecting:call.callId()
                                             uuid:call.uuid()
                                         hasVideo:call.hasVideo()
                                      displayName:call.displayName()
                                          resolve:resolve
                                           reject:reject];
}

- (void)reportCallKitConnected:(JS::NativeKeepCall::NativeCallKitRequest &)call
                       resolve:(RCTPromiseResolveBlock)resolve
                        reject:(RCTPromiseRejectBlock)reject
{
  [KeepCallCallKit.shared reportCallKitConnected:call.callId()
                                            uuid:call.uuid()
                                        hasVideo:call.hasVideo()
                                     displayName:call.displayName()
                                         resolve:resolve
                                          reject:reject];
}

- (void)updateCallKitCall:(JS::NativeKeepCall::NativeCallKitUpdate &)call
                  resolve:(RCTPromiseResolveBlock)resolve
                   reject:(RCTPromiseRejectBlock)reject
{
  [KeepCallCallKit.shared updateCallKitCall:call.callId()
                                       uuid:call.uuid()
                                   hasVideo:call.hasVideo()
                                displayName:call.displayName()
                                 handleType:call.handleType()
                                handleValue:call.handleValue()
                                    resolve:resolve
                                     reject:reject];
}

- (void)endCallKitCall:(NSString *)callId
                  uuid:(NSString *)uuid
                reason:(NSString *)reason
               resolve:(RCTPromiseResolveBlock)resolve
                reject:(RCTPromiseRejectBlock)reject
{
  [KeepCallCallKit.shared endCallKitCall:callId uuid:uuid reason:reason resolve:resolve reject:reject];
}

- (void)setCallKitMuted:(NSString *)callId
                   uuid:(NSString *)uuid
                  muted:(BOOL)muted
                resolve:(RCTPromiseResolveBlock)resolve
                 reject:(RCTPromiseRejectBlock)reject
{
  [KeepCallCallKit.shared setCallKitMuted:callId uuid:uuid muted:muted resolve:resolve reject:reject];
}

- (void)setCallKitHeld:(NSString *)callId
                  uuid:(NSString *)uuid
                  held:(BOOL)held
               resolve:(RCTPromiseResolveBlock)resolve
                reject:(RCTPromiseRejectBlock)reject
{
  [KeepCallCallKit.shared setCallKitHeld:callId uuid:uuid held:held resolve:resolve reject:reject];
}

- (std::shared_ptr<facebook::react::TurboModule>)getTurboModule:
    (const facebook::react::ObjCTurboModule::InitParams &)params
{
  return std::make_shared<facebook::react::NativeKeepCallSpecJSI>(params);
}

@end
