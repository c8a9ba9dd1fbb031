import QtQuick
import QtTest
import Binnacle.Ui

// The banner: hidden without a message, the first line shown, the detail one click away, dismissed until
// the message changes, and its text readable on its background.
// TestCase is invisible itself: the components under test live in the visible stage.
Item {
    id: stage
    width: 600
    height: 200

    TestCase {
        id: testCase
        name: "Banner"
        when: windowShown

        Component {
            id: bannerComponent
            Banner {
                width: 500
            }
        }

        function luminance(c: color): real {
            return 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b
        }

        function test_hiddenWithoutMessage() {
            const banner = createTemporaryObject(bannerComponent, stage)
            verify(!banner.visible)
            compare(banner.implicitHeight, 0)
            banner.message = "pods: reconnecting"
            verify(banner.visible)
            verify(banner.implicitHeight > 0)
        }

        function test_firstLineAndDetails() {
            const banner = createTemporaryObject(bannerComponent, stage,
                                                 { message: "exec plugin failed\ninstall it with apt install foo" })
            compare(findChild(banner, "bannerText").text, "exec plugin failed")
            const detail = findChild(banner, "bannerDetail")
            verify(!detail.visible)
            const button = findChild(banner, "bannerDetailsButton")
            verify(button.visible)
            mouseClick(button)
            verify(detail.visible)
            compare(detail.text, "exec plugin failed\ninstall it with apt install foo")
            mouseClick(button)
            verify(!detail.visible)
        }

        function test_separateDetail() {
            const banner = createTemporaryObject(bannerComponent, stage,
                                                 { message: "pods: stale", detail: "watch closed by the server" })
            const button = findChild(banner, "bannerDetailsButton")
            verify(button.visible)
            mouseClick(button)
            compare(findChild(banner, "bannerDetail").text, "watch closed by the server")
            // A new message starts collapsed.
            banner.message = "pods: forbidden"
            verify(!findChild(banner, "bannerDetail").visible)
        }

        function test_noDetailsButtonWithoutDetail() {
            const banner = createTemporaryObject(bannerComponent, stage, { message: "one line" })
            verify(!findChild(banner, "bannerDetailsButton").visible)
        }

        function test_dismissUntilTheMessageChanges() {
            const banner = createTemporaryObject(bannerComponent, stage, { message: "connection refused" })
            verify(banner.visible)
            mouseClick(findChild(banner, "bannerDismissButton"))
            verify(!banner.visible)
            banner.message = "connection refused" // the same again stays dismissed
            verify(!banner.visible)
            banner.message = "TLS handshake failed"
            verify(banner.visible)
        }

        function test_textReadableOnBackground() {
            const banner = createTemporaryObject(bannerComponent, stage, { message: "warning" })
            const text = findChild(banner, "bannerText")
            verify(Math.abs(luminance(text.color) - luminance(banner.color)) > 0.4,
                   "text " + text.color + " on " + banner.color)
        }
    }
}
