"""A command that will not do what it was asked, and why."""

from __future__ import annotations


class Refused(Exception):
    """One sentence naming what to fix; nothing was written.

    `details` is an optional longer report (the site's problems) shown
    before the sentence.
    """

    def __init__(self, sentence: str, details: str | None = None):
        super().__init__(sentence)
        self.sentence = sentence
        self.details = details
