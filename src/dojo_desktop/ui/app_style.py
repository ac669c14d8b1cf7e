"""The app's one look, made from its scale: the grid's friendly style (white rounded
controls, a slate outline, a heavy blue focus ring, green for the main action) on every
dialog, sheet and menu, at a size read from the back of the room on a board."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontInfo
from PySide6.QtWidgets import QApplication, QWidget

from dojo_desktop.core.board_scale import Scale
from dojo_desktop.ui.resources import icon_path
from dojo_desktop.ui.scale import app_scale

INK = "#0F172A"
TEXT = "#1E293B"
MUTED = "#475569"
LINE = "#94A3B8"
PAPER = "#F8FAFC"
FOCUS = "#2563EB"
GREEN = "#15803D"
# Where the look applies: the grid and the class bar paint their own.
_SCOPES = ("QDialog", "DialogSheet", "SkillPicker")


def _within(selectors: str) -> str:
    """``selectors`` inside every dialog and sheet."""
    return ", ".join(f"{scope} {selector.strip()}" for scope in _SCOPES
                     for selector in selectors.split(","))


def _sliders(selectors: str) -> str:
    """``selectors`` in dialogs, sheets and the class bar (its volume)."""
    return ", ".join((_within(selectors), f"#ClassBar {selectors}"))


def combo_arrow(combo: str, control_px: int) -> str:
    """A drop-down list's arrow a finger's width wide and big enough to see from the back
    (the style's own is a few pixels at any size), with room kept for it."""
    arrow = icon_path("chevron-down").as_posix()
    room, side = control_px // 3, max(12, control_px // 4)
    return (f"{combo} {{ padding-right: {room}px; }}"
            f"{combo}::drop-down {{ subcontrol-origin: padding;"
            f" subcontrol-position: center right; width: {room}px; border: none; }}"
            f"{combo}::down-arrow {{ image: url({arrow}); width: {side}px;"
            f" height: {side}px; }}")


def style_sheet(scale: Scale) -> str:
    """The application's style sheet at ``scale``."""
    control, text, border = scale.control_px, scale.text_px, scale.border_px
    radius, focus = scale.radius_px, scale.focus_px
    pad = max(6, control // 4)
    # A row of a list or a menu: the text and equal room above and below, to the target.
    row_pad = max(4, (control - text + 1) // 2)
    indicator = max(18, round(text * 1.2))
    handle = max(scale.touch_px, round(control * 0.6))  # a fingertip's width to drag
    groove = max(6, control // 8)
    # The handle's height as Qt works it out: a radius over half of it is dropped (a square).
    knob = min(handle, groove + 2 * ((handle - groove) // 2))
    bar = max(14, control // 3)
    icon = max(round(text * 1.3), round(control * 0.6))
    buttons = "QPushButton, QToolButton"
    fields = "QLineEdit, QAbstractSpinBox, QComboBox"
    lists = "QListView, QTreeView, QTableView, QPlainTextEdit, QTextEdit"
    return "".join((
        f"QDialog, DialogSheet {{ background: {PAPER}; color: {INK}; }}",
        f"{_within('QLabel')} {{ color: {INK}; }}",
        f"{_within(buttons)} {{ background: white; color: {TEXT};"
        f" border: {border}px solid {LINE}; border-radius: {radius}px;"
        f" padding: 0 {pad}px; font-weight: 600; min-height: {control}px; }}",
        f"{_within('QPushButton:hover, QToolButton:hover')} {{ border-color: {MUTED}; }}",
        f"{_within('QPushButton:focus, QToolButton:focus')} {{"
        f" border: {focus}px solid {FOCUS}; }}",
        f"{_within('QPushButton:checked, QToolButton:checked')} {{ background: #DBEAFE;"
        f" border-color: {FOCUS}; }}",
        f"{_within('QPushButton:default, QPushButton#primary')} {{ background: {GREEN};"
        f" color: white; border-color: #166534; }}",
        f"{_within('QPushButton:default:focus, QPushButton#primary:focus')} {{"
        f" border: {focus}px solid {INK}; }}",
        f"{_within('QPushButton:disabled, QToolButton:disabled')} {{ background: #F1F5F9;"
        f" color: {LINE}; border-color: #E2E8F0; }}",
        f"{_within(fields)} {{ background: white; color: {INK};"
        f" border: {border}px solid {LINE}; border-radius: {radius}px;"
        f" padding: 0 {pad // 2}px; min-height: {control - 2 * border}px; }}",

        # A line edit's words come later: it can be squeezed to nothing, so it has a floor.
        f"{_within('QLineEdit')} {{ min-width: {control * 2}px; }}",
        f"{_within('QLineEdit:focus, QAbstractSpinBox:focus, QComboBox:focus')} {{"
        f" border: {focus}px solid {FOCUS}; }}",
        *(combo_arrow(f"{scope} QComboBox", control) for scope in _SCOPES),
        f"{_within('QAbstractSpinBox::up-button, QAbstractSpinBox::down-button')} {{"
        f" width: {control // 2}px; }}",
        f"{_within(lists)} {{ background: white; color: {INK};"
        f" border: {border}px solid #CBD5E1; border-radius: {radius}px; }}",
        f"{_within('QAbstractItemView')} {{ qproperty-iconSize: {icon}px {icon}px; }}",
        f"{_within('QDialogButtonBox')} {{ dialogbuttonbox-buttons-have-icons: 0; }}",
        f"{_within('QListView::item, QTreeView::item')} {{ min-height: {control}px;"
        f" padding: 0 {pad // 2}px; }}",
        f"{_within('QAbstractItemView::indicator')} {{ width: {indicator}px;"
        f" height: {indicator}px; }}",
        f"{_within('QListView::item:selected, QTreeView::item:selected')} {{"
        f" background: #DBEAFE; color: {INK}; }}",
        f"{_within('QCheckBox, QRadioButton')} {{ min-height: {control}px;"
        f" spacing: {pad // 2}px; color: {INK}; }}",
        f"{_within('QCheckBox::indicator, QRadioButton::indicator')} {{"
        f" width: {indicator}px; height: {indicator}px; }}",
        f"{_sliders('QSlider:horizontal')} {{ min-height: {control}px; }}",
        f"{_sliders('QSlider::groove:horizontal')} {{ height: {groove}px;"
        f" background: #CBD5E1; border-radius: {max(3, control // 16)}px; }}",
        f"{_sliders('QSlider::handle:horizontal')} {{ background: white;"
        f" border: {focus}px solid {FOCUS}; width: {handle}px;"
        f" margin: -{(handle - groove) // 2}px 0; border-radius: {knob // 2 - 1}px; }}",
        f"{_within('QScrollBar:vertical')} {{ width: {bar}px; }}",
        f"{_within('QScrollBar:horizontal')} {{ height: {bar}px; }}",
        f"{_within('QTabBar::tab')} {{ min-height: {control}px; padding: 0 {pad}px; }}",
        f"{_within('QGroupBox')} {{ font-weight: 600; }}",
        f"QMenu {{ background: white; color: {INK}; border: {border}px solid {LINE};"
        f" padding: {border}px; }}",
        f"QMenu::item {{ padding: {row_pad}px {pad}px {row_pad}px {pad}px;"
        f" border-radius: {radius // 2}px; }}",
        "QMenu::item:selected { background: #DBEAFE; }",
        f"QMenu::item:disabled {{ color: {LINE}; }}",
        f"QMenu::separator {{ height: {border}px; background: #E2E8F0;"
        f" margin: {row_pad // 2}px {pad}px; }}",
        f"QMenu::indicator {{ width: {indicator}px; height: {indicator}px; }}",
        # A submenu's arrow, seen from the back (the style's own is a dot on a board).
        *(f"QMenu::{side}-arrow {{ image: url({icon_path(f'chevron-{side}').as_posix()});"
          f" width: {indicator}px; height: {indicator}px; }}" for side in ("right", "left")),
        f"QToolTip {{ font-size: {scale.small_px}px; }}",
    ))


def app_font(scale: Scale, base: QFont) -> QFont:
    """The application's font at ``scale``'s text size."""
    font = QFont(base)
    font.setPixelSize(scale.text_px)
    return font


def larger(font: QFont, factor: float) -> QFont:
    """``font`` ``factor`` times as large. The app's font is set in pixels, where a
    point size reads -1, so the size is taken from what the font shows."""
    bigger = QFont(font)
    bigger.setPixelSize(round(QFontInfo(font).pixelSize() * factor))
    return bigger


def apply_app_style(widget: QWidget | None = None) -> None:
    """Give the whole application the look and type for ``widget``'s screen."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    scale = app_scale(widget)
    font = app_font(scale, app.font())
    if app.font() != font:
        app.setFont(font)
    sheet = style_sheet(scale)
    if app.styleSheet() != sheet:
        app.setStyleSheet(sheet)
