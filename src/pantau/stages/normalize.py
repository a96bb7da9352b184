"""normalize stage (interim: text as given; its owner replaces this file)."""
from __future__ import annotations

from ..doc import Doc
from ..pipeline import stage
from ..resources import Resources


@stage("normalize", requires=("raw",), provides=("text",))
def run(doc: Doc, res: Resources) -> None:
    doc.text = doc.raw.text


STAGE = run
