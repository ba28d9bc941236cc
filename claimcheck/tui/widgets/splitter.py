"""The border between the list and the detail pane: drag it with the mouse to resize the list.

A column one cell wide. Pressing on it captures the mouse, so the drag follows the pointer even
off the column; every move posts :class:`Splitter.Dragged` with the pointer's column, and the
release (or a lost capture) posts a last one with ``done`` set, when the screen remembers the
width (as ``<`` and ``>`` do).
"""

from __future__ import annotations

from textual import events
from textual.message import Message
from textual.widget import Widget


class Splitter(Widget):
    """A draggable divider; it highlights while the pointer is over it or dragging."""

    class Dragged(Message):
        """The divider was dragged to screen column ``x``; ``done``: the button was released."""

        def __init__(self, x: int, done: bool) -> None:
            super().__init__()
            self.x = x
            self.done = done

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.dragging = False
        self._last_x: int | None = None
        self.tooltip = "Drag to resize the list (or < and >)"

    def render(self) -> str:
        """Nothing drawn: the column's colour (CSS) marks it."""
        return ""

    def on_mouse_down(self, event: events.MouseDown) -> None:
        """Start dragging: the mouse stays with the divider until released."""
        if event.button != 1:
            return
        event.stop()
        self.dragging = True
        self._last_x = event.screen_x
        self.add_class("-dragging")
        self.capture_mouse()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """Follow the pointer."""
        if not self.dragging:
            return
        event.stop()
        if event.screen_x != self._last_x:
            self._last_x = event.screen_x
            self.post_message(self.Dragged(event.screen_x, done=False))

    def on_mouse_up(self, event: events.MouseUp) -> None:
        """Stop dragging where the pointer is."""
        if not self.dragging:
            return
        event.stop()
        self._last_x = event.screen_x
        self.capture_mouse(False)  # the MouseRelease that follows ends the drag

    def on_mouse_release(self, _: events.MouseRelease) -> None:
        """The capture ended (released, or taken away): the drag is done."""
        self._finish()

    def _finish(self) -> None:
        if not self.dragging:
            return
        self.dragging = False
        self.remove_class("-dragging")
        if self._last_x is not None:
            self.post_message(self.Dragged(self._last_x, done=True))
