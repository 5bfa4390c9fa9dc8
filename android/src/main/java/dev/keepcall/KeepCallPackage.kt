package dev.keepcall

import com.facebook.react.BaseReactPackage
import com.facebook.react.bridge.NativeModule
import com.facebook.react.bridge.ReactApplicationContext
import com.facebook.react.module.model.ReactModuleInfo
import com.facebook.react.module.model.ReactModuleInfoProvider

/** Registers the KeepCall TurboModule (autolinked). */
class KeepCallPackage : BaseReactPackage() {
  override fun getModule(name: String, reactContext: ReactApplicationContext): NativeModule? =
    if (name == NativeKeepCallSpec.NAME) KeepCallModule(reactContext) else null

  override fun getReactModuleInfoProvider() = ReactModuleInfoProvider {
    val info = ReactModuleInfo(NativeKeepCallSpec.NAME, KeepCallModule::class.java.name, false, false, false, true)
    mapOf(NativeKeepCallSpec.NAME to info)
  }
}
