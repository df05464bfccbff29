"""A small terminal screen for pty tests: enough VT100 to replay what prompt_toolkit and Rich
write (text, cursor moves, erases, scrolling) and read back the rows as a user sees them."""

from __future__ import annotations

import re

from wcwidth import wcwidth

_CSI = re.compile(r"\x1b\[([?>]?)([0-9;]*)([@-~])")
_OSC = re.compile(r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")
_OTHER_ESC = re.compile(r"\x1b[()][0-9A-Za-z]|\x1b[=>78DEHMNOZc]")


class Screen:
    def __init__(self, rows: int, columns: int) -> None:
        self.rows, self.columns = rows, columns
        self.cells = [[" "] * columns for _ in range(rows)]
        self.y = self.x = 0

    def _newline(self) -> None:
        if self.y == self.rows - 1:
            self.cells = [*self.cells[1:], [" "] * self.columns]
        else:
            self.y += 1

    def _put(self, ch: str) -> None:
        width = max(wcwidth(ch), 0)
        if width == 0:
            return
        if self.x + width > self.columns:  # autowrap, as xterm does
            self.x = 0
            self._newline()
        self.cells[self.y][self.x] = ch
        if width == 2:
            self.cells[self.y][self.x + 1] = ""  # the right half of a wide character
        self.x += width

    def _csi(self, private: str, params: str, final: str) -> None:
        if private:
            return  # modes: cursor visibility, bracketed paste, autowrap…
        numbers = [int(p) if p else 0 for p in params.split(";")] if params else []
        n = numbers[0] if numbers and numbers[0] else 1
        if final == "A":
            self.y = max(0, self.y - n)
        elif final == "B":
            self.y = min(self.rows - 1, self.y + n)
        elif final == "C":
            self.x = min(self.columns - 1, self.x + n)
        elif final == "D":
            self.x = max(0, self.x - n)
        elif final == "G":
            self.x = min(self.columns - 1, n - 1)
        elif final in "Hf":
            row = numbers[0] if numbers and numbers[0] else 1
            col = numbers[1] if len(numbers) > 1 and numbers[1] else 1
            self.y, self.x = min(self.rows, row) - 1, min(self.columns, col) - 1
        elif final == "K":
            mode = numbers[0] if numbers else 0
            row = self.cells[self.y]
            span = range(self.x, self.columns) if mode == 0 else range(self.columns)
            for col in span:
                row[col] = " "
        elif final == "J":
            mode = numbers[0] if numbers else 0
            first = self.y + 1 if mode == 0 else 0
            if mode == 0:
                self._csi("", "0", "K")
            for row in range(first, self.rows):
                self.cells[row] = [" "] * self.columns

    def feed(self, data: str) -> None:
        data = _OTHER_ESC.sub("", _OSC.sub("", data))
        pos = 0
        while pos < len(data):
            ch = data[pos]
            if ch == "\x1b":
                m = _CSI.match(data, pos)
                if m:
                    self._csi(*m.groups())
                    pos = m.end()
                    continue
                pos += 1
                continue
            if ch == "\r":
                self.x = 0
            elif ch == "\n":
                self._newline()
            elif ch == "\b":
                self.x = max(0, self.x - 1)
            elif ch >= " ":
                self._put(ch)
            pos += 1

    def lines(self) -> list[str]:
        return ["".join(row).rstrip() for row in self.cells]
