"""Modal screens of the TUI: the record form, the picker, prompts and help.

Every screen shows user text literally (through `Content`/`Text`, never markup) and styles itself
with `DEFAULT_CSS`, so the app's stylesheet can change without breaking them.
"""

from .form import RecordForm
from .help import HelpScreen
from .picker import Picker
from .prompt import Confirm, TextPrompt

__all__ = ["Confirm", "HelpScreen", "Picker", "RecordForm", "TextPrompt"]
