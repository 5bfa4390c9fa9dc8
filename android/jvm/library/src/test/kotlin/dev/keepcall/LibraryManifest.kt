package dev.keepcall

import android.app.Application
import android.content.pm.ActivityInfo
import android.content.pm.ServiceInfo
import android.os.Build
import org.robolectric.Shadows.shadowOf
import org.robolectric.util.ReflectionHelpers
import org.w3c.dom.Element
import java.io.File
import javax.xml.parsers.DocumentBuilderFactory

/**
 * The library's own AndroidManifest.xml, merged into the test app as Gradle's manifest merger merges it into
 * an app: its permissions and components, with their attributes (Robolectric reads a manifest only from a
 * resource APK, which needs aapt2 from Google's repository).
 */
object LibraryManifest {
  private const val ANDROID = "http://schemas.android.com/apk/res/android"
  private val file = File(System.getProperty("keepcall.manifest") ?: "../../src/main/AndroidManifest.xml")

  fun mergeInto(app: Application) {
    val factory = DocumentBuilderFactory.newInstance().apply { isNamespaceAware = true }
    val root = factory.newDocumentBuilder().parse(file).documentElement
    val pm = shadowOf(app.packageManager)
    val info = pm.getInternalMutablePackageInfo(app.packageName)
    info.requestedPermissions = (info.requestedPermissions.orEmpty().toList() + elements(root, "uses-permission").map { it.attr("name") })
      .distinct().toTypedArray()
    for (service in elements(root, "service")) {
      pm.addOrUpdateService(
        ServiceInfo().apply {
          component(app, service.attr("name"))
          exported = service.attr("exported") == "true"
          // A field without a public setter (PackageParser fills it).
          if (Build.VERSION.SDK_INT >= 29) ReflectionHelpers.setField(this, "mForegroundServiceType", typeMask(service.attr("foregroundServiceType")))
        },
      )
    }
    for (receiver in elements(root, "receiver")) {
      pm.addOrUpdateReceiver(ActivityInfo().apply { component(app, receiver.attr("name")); exported = receiver.attr("exported") == "true" })
    }
    for (activity in elements(root, "activity")) {
      pm.addOrUpdateActivity(ActivityInfo().apply { component(app, activity.attr("name")); exported = activity.attr("exported") == "true" })
    }
  }

  private fun android.content.pm.ComponentInfo.component(app: Application, className: String) {
    name = className
    packageName = app.packageName
    applicationInfo = app.applicationInfo
  }

  private fun typeMask(types: String) = types.split('|').filter { it.isNotEmpty() }.fold(0) { acc, type -> acc or mask(type) }

  private fun elements(root: Element, tag: String): List<Element> {
    val nodes = root.getElementsByTagName(tag)
    return (0 until nodes.length).map { nodes.item(it) as Element }
  }

  private fun Element.attr(name: String) = getAttributeNS(ANDROID, name)
}
