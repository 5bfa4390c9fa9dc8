package dev.keepcall

import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.annotation.Config
import java.io.File
import javax.xml.parsers.DocumentBuilderFactory
import kotlin.test.assertEquals
import kotlin.test.assertTrue

/**
 * The library's own status-bar icon. Robolectric cannot load resources without aapt2 (Google's repository),
 * so this reads the files the Android Gradle plugin packs: the drawable the notification names by default,
 * and the keep rule that stops resource shrinking from removing it (the service finds it by name only).
 */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [36])
class ResourcesTest {
  private val res = File(System.getProperty("keepcall.manifest") ?: "../../src/main/AndroidManifest.xml").resolveSibling("res")

  private fun xml(path: String) = DocumentBuilderFactory.newInstance().apply { isNamespaceAware = true }
    .newDocumentBuilder().parse(File(res, path)).documentElement

  @Test fun `the default small icon ships as a white vector drawable, kept from shrinking`() {
    val icon = xml("drawable/${KeepCallNotification.ICON}.xml")
    assertEquals("vector", icon.tagName)
    val path = icon.getElementsByTagName("path").item(0) as org.w3c.dom.Element
    assertEquals("#FFFFFFFF", path.getAttributeNS("http://schemas.android.com/apk/res/android", "fillColor"))
    val keep = xml("raw/keep.xml").getAttributeNS("http://schemas.android.com/tools", "keep")
    assertTrue("@drawable/${KeepCallNotification.ICON}" in keep.split(','), keep)
    assertEquals(KeepCallNotification.ICON, CallNotification.default().smallIcon)
  }
}
