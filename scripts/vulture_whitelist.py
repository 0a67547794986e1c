"""Names vulture cannot see being used: Qt and library overrides, and names used by string.

vulture reads this file with the package (settings in pyproject.toml: ``vulture`` from the
project folder); every line names an attribute that something outside our code calls.
"""

import sqlite3

from memory_keyring import MemoryKeyring
from regex_analysis import Regexploit311

from editor.core import checks
from editor.core.references.writers.ris import PlainRisWriter
from editor.core.render.csl_style import If as CslIf
from editor.core.render.csl_style import Substitute as CslSubstitute
from editor.core.render.csl_style import Text as CslText
from editor.gui.dialogs.conflict_dialog import ConflictDialog
from editor.gui.icons import TintedSvgIconEngine
from editor.gui.panels.rows_model import RowsTableModel
from editor.gui.preview.bridge import PreviewBridge
from editor.gui.preview.schemes import AssetSchemeHandler, ShellSchemeHandler
from editor.gui.preview.security import NetworkBlocker, PreviewPage
from editor.gui.preview.view import PreviewView
from editor.gui.writing.widget import MarkdownEditor

checks.__getattr__  # PEP 562: Python calls the module's __getattr__ and __dir__
checks.__dir__
PlainRisWriter.set_header  # rispy's writer hook
ConflictDialog.mine_button  # tests press the buttons by attribute name
ConflictDialog.stored_button
RowsTableModel.columnCount  # QAbstractTableModel overrides
TintedSvgIconEngine.scaledPixmap  # QIconEngine overrides
TintedSvgIconEngine.clone
RowsTableModel.headerData
PreviewBridge.sectionAtTop  # a slot the page calls over QWebChannel
AssetSchemeHandler.requestStarted  # QWebEngineUrlSchemeHandler overrides
ShellSchemeHandler.requestStarted
NetworkBlocker.interceptRequest  # QWebEngineUrlRequestInterceptor override
PreviewPage.acceptNavigationRequest  # QWebEnginePage overrides
PreviewPage.javaScriptConsoleMessage
PreviewView._profile  # holds the off-the-record profile for as long as the view lives
PreviewView.contextMenuEvent  # QWidget overrides
MarkdownEditor.contextMenuEvent
CslSubstitute.add_to_repressed_list  # citeproc-py element overrides, called by citeproc-py
CslText._format_last_page
CslIf._is_numeric
sqlite3.Connection.text_factory  # read by sqlite3 for every text value (inspection, tests)

# Answer schemas: each field is checked by msgspec and then read from the answer's dict by name.
from editor.core.publish import wp_answers  # noqa: E402
from editor.core.references import lookup_answers  # noqa: E402

wp_answers.Rendered.protected
wp_answers.RemotePost.date_gmt
wp_answers.RemotePost.featured_media
wp_answers.Me.capabilities
wp_answers.MediaSize.source_url
wp_answers.Media.source_url
wp_answers.Media.media_details
lookup_answers.CrossrefWork.container_title
lookup_answers.CrossrefWork.short_container_title
lookup_answers.CrossrefWork.publisher_location
lookup_answers.CrossrefWork.ISSN
lookup_answers.CrossrefWork.ISBN
lookup_answers.CrossrefWork.abstract
lookup_answers.CrossrefWork.published_print
lookup_answers.CrossrefWork.published_online
lookup_answers.PmcArticleId.idtype
lookup_answers.PmcSummary.fulljournalname
lookup_answers.PmcSummary.pubdate
MemoryKeyring.priority  # keyring reads a backend's priority (tests/memory_keyring.py)
Regexploit311.from_ATOMIC_GROUP  # regexploit calls from_<node kind> by name (tests/core/regex_analysis.py)
Regexploit311.from_POSSESSIVE_REPEAT
