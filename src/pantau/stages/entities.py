"""entities stage (interim: does nothing yet; its owner replaces this file)."""
from __future__ import annotations

from ..doc import Doc
from ..pipeline import stage
from ..resources import Resources


@stage("entities", requires=(), provides=("entities",))
def run(doc: Doc, res: Resources) -> None:
    return None


STAGE = run
