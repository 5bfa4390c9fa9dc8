import AVFoundation
import CallKit
import Foundation
import UIKit

/// CallKit for keepcall: a thin executor of the commands JavaScript computed (DESIGN.md), reporting
/// what the system does. One instance per process, so the call-id↔UUID map and the provider survive
/// a JavaScript reload (I8); the TurboModule (KeepCall.mm) forwards every spec method here.
@objc(KeepCallCallKit)
public final class KeepCallCallKit: NSObject, CXProviderDelegate {
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
    /// The system performed the start: from now on, absent from CXCallObserver means ended.
    var started = false
  }

  private var provider: CXProvider?
  private let controller = CXCallController()
  private var calls: [UUID: Call] = [:]
  /// Actions keepcall requested: fulfilled without being reported back (no echo, I6).
  private var requested: Set<UUID> = []

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

  /// What the device holds: CXCallObserver's calls that keepcall owns; ended ones are forgotten.
  @objc public func snapshot(_ resolve: @escaping Resolve, reject: @escaping Reject) {
    let live = Dictionary(controller.callObserver.calls.map { ($0.uuid, $0) }, uniquingKeysWith: { a, _ in a })
    calls = calls.filter { uuid, call in live[uuid].map { !$0.hasEnded } ?? !call.started }
    let list: [[String: Any]] = calls.map { uuid, call in
      let system = live[uuid]
      var entry: [String: Any] = [
        "callId": call.callId, "uuid": uuid.uuidString,
        "phase": (system?.hasConnected ?? call.connected) ? "connected" : "connecting",
        "muted": call.muted, "held": system?.isOnHold ?? call.held, "hasVideo": call.hasVideo,
      ]
      if let name = call.displayName { entry["displayName"] = name }
      return entry
    }
    resolve(["service": ["running": false, "promoted": false, "types": [String]()], "calls": list])
  }

  // The ongoing service is Android's; the engine never sends these on iOS.
  @objc public func createNotificationChannel(_ id: String, name: String, resolve: Resolve, reject: Reject) {
    unsupported(reject)
  }
  @objc public func startService(_ resolve: Resolve, reject: Reject) { unsupported(reject) }
  @objc public func updateService(_ resolve: Resolve, reject: Reject) { unsupported(reject) }
  @objc public func stopService(_ resolve: Resolve, reject: Reject) { unsupported(reject) }

  @objc public func configureCallKit(
    _ appName: String, supportsVideo: Bool, includesCallsInRecents: Bool, iconTemplateImageName: String?,
    resolve: Resolve, reject: Reject
  ) {
    let config = appName.isEmpty ? CXProviderConfiguration() : CXProviderConfiguration(localizedName: appName)
    config.supportsVideo = supportsVideo
    config.includesCallsInRecents = includesCallsInRecents
    config.supportedHandleTypes = [.generic]
    config.maximumCallsPerCallGroup = 1
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
    // I4: WebRTC must not start audio before CallKit activates the session.
    rtcAudioSession()?.setValue(true, forKey: "useManualAudio")
    rtcAudioSession()?.setValue(false, forKey: "isAudioEnabled")
    resolve(nil)
  }

  /// I4/I5: started when joining begins, before the join completes.
  @objc public func startCallKitCall(
    _ callId: String, uuid: String, hasVideo: Bool, displayName: String?,
    resolve: @escaping Resolve, reject: @escaping Reject
  ) {
    guard let id = UUID(uuidString: uuid) else { return badUuid(uuid, reject) }
    calls[id] = Call(callId: callId, hasVideo: hasVideo, displayName: displayName)
    let action = CXStartCallAction(call: id, handle: CXHandle(type: .generic, value: displayName ?? callId))
    action.isVideo = hasVideo
    request(action, resolve, reject) { [weak self] in self?.calls[id] = nil }
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
    let update = CXCallUpdate()
    update.hasVideo = hasVideo
    if let name = displayName { update.localizedCallerName = name }
    provider?.reportCall(with: id, updated: update)
    resolve(nil)
  }

  /// I8: a call the system already ended is not asked to end again.
  @objc public func endCallKitCall(
    _ callId: String, uuid: String, reason: String, resolve: @escaping Resolve, reject: @escaping Reject
  ) {
    guard let id = UUID(uuidString: uuid) else { return badUuid(uuid, reject) }
    calls[id] = nil
    let live = controller.callObserver.calls.contains { $0.uuid == id && !$0.hasEnded }
    guard live else { return resolve(nil) }
    if reason == "local" { return request(CXEndCallAction(call: id), resolve, reject) {} }
    provider?.reportCall(with: id, endedAt: Date(), reason: reason == "remote" ? .remoteEnded : .failed)
    resolve(nil)
  }

  @objc public func setCallKitMuted(
    _ callId: String, uuid: String, muted: Bool, resolve: @escaping Resolve, reject: @escaping Reject
  ) {
    guard let id = UUID(uuidString: uuid) else { return badUuid(uuid, reject) }
    calls[id]?.muted = muted
    request(CXSetMutedCallAction(call: id, muted: muted), resolve, reject) {}
  }

  @objc public func setCallKitHeld(
    _ callId: String, uuid: String, held: Bool, resolve: @escaping Resolve, reject: @escaping Reject
  ) {
    guard let id = UUID(uuidString: uuid) else { return badUuid(uuid, reject) }
    calls[id]?.held = held
    request(CXSetHeldCallAction(call: id, onHold: held), resolve, reject) {}
  }

  // MARK: CXProviderDelegate — every action fulfilled or failed (I6)

  public func providerDidReset(_ provider: CXProvider) {
    for (uuid, call) in calls {
      send("onCallKitEnded", ["callId": call.callId, "uuid": uuid.uuidString, "reason": "failed"])
    }
    calls.removeAll()
    requested.removeAll()
  }

  public func provider(_ provider: CXProvider, perform action: CXStartCallAction) {
    requested.remove(action.uuid)
    calls[action.callUUID]?.started = true
    let session = AVAudioSession.sharedInstance()
    try? session.setCategory(.playAndRecord, mode: action.isVideo ? .videoChat : .voiceChat, options: [.allowBluetooth])
    action.fulfill()
  }

  public func provider(_ provider: CXProvider, perform action: CXEndCallAction) {
    let ours = requested.remove(action.uuid) != nil
    if let call = calls.removeValue(forKey: action.callUUID), !ours {
      send("onCallKitEnded", ["callId": call.callId, "uuid": action.callUUID.uuidString, "reason": "local"])
    }
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
    send("onAudioSessionDeactivated", [:])
  }

  // MARK: helpers

  private func request(_ action: CXCallAction, _ resolve: @escaping Resolve, _ reject: @escaping Reject,
                       onFailure: @escaping () -> Void) {
    requested.insert(action.uuid)
    controller.request(CXTransaction(action: action)) { [weak self] error in
      DispatchQueue.main.async {
        guard let error = error else { return resolve(nil) }
        self?.requested.remove(action.uuid)
        onFailure()
        reject("callkit-transaction-failed", "\(type(of: action)): \(error.localizedDescription)", error)
      }
    }
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
