import AVFoundation
import CallKit
import Foundation
import UIKit

/// One `startCallKitCall` request, the spec's NativeCallKitStart: every field computed in JavaScript.
/// KeepCall.mm fills it from codegen's struct.
@objc(KeepCallStart)
public final class KeepCallStart: NSObject {
  @objc public var callId = ""
  @objc public var uuid = ""
  @objc public var hasVideo = false
  @objc public var displayName: String?
  @objc public var handleType = ""
  @objc public var handleValue = ""
  @objc public var audioCategory = ""
  @objc public var audioMode = ""
  @objc public var allowBluetooth = false
  @objc public var supportsHolding = false
  @objc public var supportsGrouping = false
  @objc public var supportsUngrouping = false
  @objc public var supportsDTMF = false
}

/// CallKit for keepcall: a thin executor of the commands JavaScript computed (DESIGN.md), reporting
/// what the system does. One instance per process, so the call-id↔UUID map and the provider survive
/// a JavaScript reload (I8); the TurboModule (KeepCall.mm) forwards every spec method here.
@objc(KeepCallCallKit)
public final class KeepCallCallKit: NSObject, CXProviderDelegate, CXCallObserverDelegate {
  public typealias Resolve = (Any?) -> Void
  public typealias Reject = (String, String, Error?) -> Void

  @objc public static let shared = KeepCallCallKit()
  /// Set by the TurboModule: (event name from the spec, payload).
  @objc public var emit: ((String, [String: Any]) -> Void)?

  private struct Call {
    let callId: String
    var connected = false
    var muted = false
    var held = false
    var hasVideo: Bool
    var displayName: String?
    /// The audio session JavaScript chose, set when CallKit performs the start (I4).
    let category: AVAudioSession.Category
    let mode: AVAudioSession.Mode
    let options: AVAudioSession.CategoryOptions
  }

  private static let handleTypes: [String: CXHandle.HandleType] = [
    "generic": .generic, "phoneNumber": .phoneNumber, "emailAddress": .emailAddress,
  ]
  private static let categories: [String: AVAudioSession.Category] = ["playAndRecord": .playAndRecord]
  private static let modes: [String: AVAudioSession.Mode] = ["voiceChat": .voiceChat, "videoChat": .videoChat]

  private var provider: CXProvider?
  private let controller = CXCallController()
  /// Kept until an end action runs or CXCallObserver reports the call ended: the observer updates
  /// asynchronously, so a call just started may not be in it yet, and one just ended may still be.
  private var calls: [UUID: Call] = [:]
  /// Actions keepcall requested: fulfilled without being reported back (no echo, I6).
  private var requested: Set<UUID> = []
  /// keepcall put WebRTC's audio in manual mode for a CallKit call (I4) and gives it back when none is left.
  private var ownsAudio = false
  /// What configureCallKit was last sent (NativeCallKitConfig): the snapshot tells a reloaded JavaScript.
  private var configured: [String: Any]?

  private override init() {
    super.init()
    controller.callObserver.setDelegate(self, queue: nil)
  }

  // MARK: spec methods

  @objc public func getPlatformInfo() -> [String: Any] {
    let info = Bundle.main.infoDictionary ?? [:]
    let modes = info["UIBackgroundModes"] as? [String] ?? []
    let usage = ["NSMicrophoneUsageDescription", "NSCameraUsageDescription"].filter { info[$0] != nil }
    return [
      "os": "ios",
      "apiLevel": ProcessInfo.processInfo.operatingSystemVersion.majorVersion,
      "targetSdk": 0,
      "declared": modes + usage,
      "serviceTypes": [String](),
    ]
  }

  /// What the device holds: the calls keepcall started and CallKit has not ended (I8).
  @objc public func snapshot(_ resolve: @escaping Resolve, reject: @escaping Reject) {
    let live = Dictionary(controller.callObserver.calls.map { ($0.uuid, $0) }, uniquingKeysWith: { a, _ in a })
    let list: [[String: Any]] = calls.map { uuid, call in
      let system = live[uuid]
      var entry: [String: Any] = [
        "callId": call.callId, "uuid": uuid.uuidString,
        "phase": (system?.hasConnected ?? false) || call.connected ? "connected" : "connecting",
        "muted": call.muted, "held": system?.isOnHold ?? call.held, "hasVideo": call.hasVideo,
      ]
      if let name = call.displayName { entry["displayName"] = name }
      return entry
    }
    let service: [String: Any] = ["running": false, "promoted": false, "types": [String]()]
    resolve(["service": service, "calls": list, "provider": configured as Any])
  }

  // The ongoing service is Android's; the engine never sends these on iOS.
  @objc public func createNotificationChannel(_ id: String, name: String, resolve: Resolve, reject: Reject) {
    unsupported(reject)
  }
  @objc public func startService(_ resolve: Resolve, reject: Reject) { unsupported(reject) }
  @objc public func updateService(_ resolve: Resolve, reject: Reject) { unsupported(reject) }
  @objc public func stopService(_ resolve: Resolve, reject: Reject) { unsupported(reject) }

  /// The provider's settings only: WebRTC's audio is left alone, so a live call keeps its audio (JavaScript
  /// also sends this only while no CallKit call is live). Kept as sent, for the snapshot.
  @objc public func configureCallKit(
    _ appName: String, supportsVideo: Bool, includesCallsInRecents: Bool, iconTemplateImageName: String?,
    maximumCallGroups: Int, maximumCallsPerCallGroup: Int, handleType: String,
    resolve: Resolve, reject: Reject
  ) {
    guard let type = pick(Self.handleTypes, handleType, "handleType", reject) else { return }
    let config = appName.isEmpty ? CXProviderConfiguration() : CXProviderConfiguration(localizedName: appName)
    config.supportsVideo = supportsVideo
    config.includesCallsInRecents = includesCallsInRecents
    config.supportedHandleTypes = [type]
    config.maximumCallGroups = maximumCallGroups
    config.maximumCallsPerCallGroup = maximumCallsPerCallGroup
    if let name = iconTemplateImageName, let image = UIImage(named: name) {
      config.iconTemplateImageData = image.pngData()
    }
    if let provider = provider {
      provider.configuration = config
    } else {
      let created = CXProvider(configuration: config)
      created.setDelegate(self, queue: nil)
      provider = created
    }
    configured = [
      "appName": appName, "supportsVideo": supportsVideo, "includesCallsInRecents": includesCallsInRecents,
      "maximumCallGroups": maximumCallGroups, "maximumCallsPerCallGroup": maximumCallsPerCallGroup,
      "handleType": handleType,
    ]
    configured?["iconTemplateImageName"] = iconTemplateImageName
    resolve(nil)
  }

  /// I4/I5: started when joining begins, before the join completes. I9: once started, the call is reported
  /// with what the system may do with it, holding included, so an incoming cellular call offers "Hold & Accept".
  @objc public func startCallKitCall(
    _ call: KeepCallStart, resolve: @escaping Resolve, reject: @escaping Reject
  ) {
    guard let id = UUID(uuidString: call.uuid) else { return badUuid(call.uuid, reject) }
    guard let type = pick(Self.handleTypes, call.handleType, "handleType", reject),
          let category = pick(Self.categories, call.audioCategory, "audioCategory", reject),
          let mode = pick(Self.modes, call.audioMode, "audioMode", reject)
    else { return }
    calls[id] = Call(
      callId: call.callId, hasVideo: call.hasVideo, displayName: call.displayName,
      category: category, mode: mode, options: call.allowBluetooth ? [.allowBluetooth] : []
    )
    let handle = CXHandle(type: type, value: call.handleValue)
    let action = CXStartCallAction(call: id, handle: handle)
    action.isVideo = call.hasVideo
    let update = CXCallUpdate()
    update.remoteHandle = handle
    if let name = call.displayName { update.localizedCallerName = name }
    update.hasVideo = call.hasVideo
    update.supportsHolding = call.supportsHolding
    update.supportsGrouping = call.supportsGrouping
    update.supportsUngrouping = call.supportsUngrouping
    update.supportsDTMF = call.supportsDTMF
    transact(action, resolve, reject, onSuccess: { [weak self] in
      self?.provider?.reportCall(with: id, updated: update)
    }, onFailure: { [weak self] _ in
      // Refused (I10, another app's call…): no didActivate will come; WebRTC keeps or gets back its audio.
      self?.calls[id] = nil
      self?.releaseAudioIfIdle()
    })
  }

  @objc public func reportCallKitConnecting(
    _ callId: String, uuid: String, hasVideo: Bool, displayName: String?,
    resolve: Resolve, reject: Reject
  ) {
    guard let id = UUID(uuidString: uuid) else { return badUuid(uuid, reject) }
    provider?.reportOutgoingCall(with: id, startedConnectingAt: Date())
    resolve(nil)
  }

  @objc public func reportCallKitConnected(
    _ callId: String, uuid: String, hasVideo: Bool, displayName: String?,
    resolve: Resolve, reject: Reject
  ) {
    guard let id = UUID(uuidString: uuid) else { return badUuid(uuid, reject) }
    provider?.reportOutgoingCall(with: id, connectedAt: Date())
    calls[id]?.connected = true
    report(id, hasVideo, displayName, nil)
    resolve(nil)
  }

  /// Video or the name changed on a live call: CallKit shows it once told by a CXCallUpdate.
  @objc public func updateCallKitCall(
    _ callId: String, uuid: String, hasVideo: Bool, displayName: String?, handleType: String, handleValue: String,
    resolve: Resolve, reject: Reject
  ) {
    guard let id = UUID(uuidString: uuid) else { return badUuid(uuid, reject) }
    guard let type = pick(Self.handleTypes, handleType, "handleType", reject) else { return }
    report(id, hasVideo, displayName, CXHandle(type: type, value: handleValue))
    resolve(nil)
  }

  /// I8: a call the system already ended is not asked to end again.
  @objc public func endCallKitCall(
    _ callId: String, uuid: String, reason: String, resolve: @escaping Resolve, reject: @escaping Reject
  ) {
    guard let id = UUID(uuidString: uuid) else { return badUuid(uuid, reject) }
    guard let call = calls.removeValue(forKey: id) else { return resolve(nil) }
    if reason == "local" {
      return transact(CXEndCallAction(call: id), resolve, reject, onSuccess: { [weak self] in
        self?.releaseAudioIfIdle()
      }, onFailure: { [weak self] name in
        // Still live unless CallKit no longer knows it: kept for the retry.
        if name != "unknownCallUUID" { self?.calls[id] = call }
        self?.releaseAudioIfIdle()
      })
    }
    provider?.reportCall(with: id, endedAt: Date(), reason: reason == "remote" ? .remoteEnded : .failed)
    releaseAudioIfIdle()
    resolve(nil)
  }

  @objc public func setCallKitMuted(
    _ callId: String, uuid: String, muted: Bool, resolve: @escaping Resolve, reject: @escaping Reject
  ) {
    guard let id = UUID(uuidString: uuid) else { return badUuid(uuid, reject) }
    calls[id]?.muted = muted
    transact(CXSetMutedCallAction(call: id, muted: muted), resolve, reject)
  }

  @objc public func setCallKitHeld(
    _ callId: String, uuid: String, held: Bool, resolve: @escaping Resolve, reject: @escaping Reject
  ) {
    guard let id = UUID(uuidString: uuid) else { return badUuid(uuid, reject) }
    calls[id]?.held = held
    transact(CXSetHeldCallAction(call: id, onHold: held), resolve, reject)
  }

  // MARK: CXProviderDelegate — every action fulfilled or failed (I6)

  public func providerDidReset(_ provider: CXProvider) {
    for (uuid, call) in calls {
      send("onCallKitEnded", ["callId": call.callId, "uuid": uuid.uuidString, "reason": "failed"])
    }
    calls.removeAll()
    requested.removeAll()
    releaseAudioIfIdle()
  }

  /// I4: the audio session JavaScript chose, and WebRTC's audio manual until CallKit activates the session.
  public func provider(_ provider: CXProvider, perform action: CXStartCallAction) {
    requested.remove(action.uuid)
    guard let call = calls[action.callUUID] else { return action.fail() }
    try? AVAudioSession.sharedInstance().setCategory(call.category, mode: call.mode, options: call.options)
    takeAudio()
    action.fulfill()
  }

  public func provider(_ provider: CXProvider, perform action: CXEndCallAction) {
    let ours = requested.remove(action.uuid) != nil
    if let call = calls.removeValue(forKey: action.callUUID), !ours {
      send("onCallKitEnded", ["callId": call.callId, "uuid": action.callUUID.uuidString, "reason": "local"])
    }
    releaseAudioIfIdle()
    action.fulfill()
  }

  public func provider(_ provider: CXProvider, perform action: CXSetMutedCallAction) {
    let ours = requested.remove(action.uuid) != nil
    guard let call = calls[action.callUUID] else { return action.fail() }
    calls[action.callUUID]?.muted = action.isMuted
    if !ours { send("onMute", ["callId": call.callId, "muted": action.isMuted, "source": "callkit"]) }
    action.fulfill()
  }

  /// I9: the system holds a call (an incoming cellular call) and unholds it later.
  public func provider(_ provider: CXProvider, perform action: CXSetHeldCallAction) {
    let ours = requested.remove(action.uuid) != nil
    guard let call = calls[action.callUUID] else { return action.fail() }
    calls[action.callUUID]?.held = action.isOnHold
    if !ours { send("onHold", ["callId": call.callId, "held": action.isOnHold, "source": "callkit"]) }
    action.fulfill()
  }

  public func provider(_ provider: CXProvider, timedOutPerforming action: CXAction) {
    requested.remove(action.uuid)
    action.fail()
    // A start that timed out never began: no didActivate will come.
    if let start = action as? CXStartCallAction, let call = calls.removeValue(forKey: start.callUUID) {
      send("onCallKitEnded", ["callId": call.callId, "uuid": start.callUUID.uuidString, "reason": "failed"])
      releaseAudioIfIdle()
    }
  }

  /// I8: CXCallObserver catches up asynchronously. A call of ours it reports ended that no end action
  /// removed (CallKit ended it on its own) is forgotten and reported as failed.
  public func callObserver(_ callObserver: CXCallObserver, callChanged call: CXCall) {
    guard call.hasEnded, let ours = calls.removeValue(forKey: call.uuid) else { return }
    send("onCallKitEnded", ["callId": ours.callId, "uuid": call.uuid.uuidString, "reason": "failed"])
    releaseAudioIfIdle()
  }

  /// I4/I9: CallKit owns activation; forward it to WebRTC and to JavaScript, every time.
  public func provider(_ provider: CXProvider, didActivate audioSession: AVAudioSession) {
    if let rtc = rtcAudioSession() {
      _ = rtc.perform(NSSelectorFromString("audioSessionDidActivate:"), with: audioSession)
      rtc.setValue(true, forKey: "isAudioEnabled")
    }
    send("onAudioSessionActivated", [:])
  }

  public func provider(_ provider: CXProvider, didDeactivate audioSession: AVAudioSession) {
    if let rtc = rtcAudioSession() {
      _ = rtc.perform(NSSelectorFromString("audioSessionDidDeactivate:"), with: audioSession)
      rtc.setValue(false, forKey: "isAudioEnabled")
    }
    releaseAudioIfIdle()
    send("onAudioSessionDeactivated", [:])
  }

  // MARK: helpers

  /// A CXCallUpdate of what JavaScript sent, remembered for the snapshot; CallKit keeps what it leaves unset.
  private func report(_ id: UUID, _ hasVideo: Bool, _ name: String?, _ handle: CXHandle?) {
    calls[id]?.hasVideo = hasVideo
    calls[id]?.displayName = name
    let update = CXCallUpdate()
    update.hasVideo = hasVideo
    if let name = name { update.localizedCallerName = name }
    if let handle = handle { update.remoteHandle = handle }
    provider?.reportCall(with: id, updated: update)
  }

  private func transact(
    _ action: CXCallAction, _ resolve: @escaping Resolve, _ reject: @escaping Reject,
    onSuccess: @escaping () -> Void = {}, onFailure: @escaping (String) -> Void = { _ in }
  ) {
    requested.insert(action.uuid)
    controller.request(CXTransaction(action: action)) { [weak self] error in
      DispatchQueue.main.async {
        guard let error = error else {
          onSuccess()
          return resolve(nil)
        }
        self?.requested.remove(action.uuid)
        let name = Self.errorName(error)
        onFailure(name)
        reject(name, "\(type(of: action)): \(error.localizedDescription)", error)
      }
    }
  }

  /// The CXErrorCodeRequestTransactionError code's name, the reject code: JavaScript reads codes, not text.
  private static func errorName(_ error: Error) -> String {
    guard let error = error as? CXErrorCodeRequestTransactionError else { return "callkit-transaction-failed" }
    switch error.code {
    case .unentitled: return "unentitled"
    case .unknownCallProvider: return "unknownCallProvider"
    case .emptyTransaction: return "emptyTransaction"
    case .unknownCallUUID: return "unknownCallUUID"
    case .callUUIDAlreadyExists: return "callUUIDAlreadyExists"
    case .invalidAction: return "invalidAction"
    case .maximumCallGroupsReached: return "maximumCallGroupsReached"
    default: return "unknown"
    }
  }

  /// I4: a CallKit call is being started; WebRTC's audio waits for CallKit's activation (didActivate).
  private func takeAudio() {
    guard !ownsAudio, let rtc = rtcAudioSession() else { return }
    rtc.setValue(true, forKey: "useManualAudio")
    rtc.setValue(false, forKey: "isAudioEnabled")
    ownsAudio = true
  }

  /// No CallKit call is left (ended, refused, reset): WebRTC starts and stops its audio on its own again.
  private func releaseAudioIfIdle() {
    guard ownsAudio, calls.isEmpty, let rtc = rtcAudioSession() else { return }
    rtc.setValue(false, forKey: "useManualAudio")
    ownsAudio = false
  }

  /// A value JavaScript sent for `field`, or a rejection naming it, what came and what is allowed.
  private func pick<T>(_ table: [String: T], _ value: String, _ field: String, _ reject: Reject) -> T? {
    if let found = table[value] { return found }
    let allowed = table.keys.sorted().joined(separator: ", ")
    reject("callkit-transaction-failed", "\(field): got \(value), expected one of \(allowed)", nil)
    return nil
  }

  private func send(_ event: String, _ body: [String: Any]) {
    emit?(event, body)
  }

  /// react-native-webrtc's RTCAudioSession when the app links it; looked up at run time, no dependency.
  private func rtcAudioSession() -> NSObject? {
    let selector = NSSelectorFromString("sharedInstance")
    guard let type = NSClassFromString("RTCAudioSession"), let method = class_getClassMethod(type, selector) else {
      return nil
    }
    typealias SharedInstance = @convention(c) (AnyClass, Selector) -> Unmanaged<NSObject>
    return unsafeBitCast(method_getImplementation(method), to: SharedInstance.self)(type, selector).takeUnretainedValue()
  }

  private func unsupported(_ reject: Reject) {
    reject("unsupported", "The ongoing-call service exists only on Android", nil)
  }

  private func badUuid(_ uuid: String, _ reject: Reject) {
    reject("callkit-transaction-failed", "uuid: got \(uuid), expected an RFC 4122 UUID string", nil)
  }
}
