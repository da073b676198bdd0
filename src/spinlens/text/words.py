"""Counting words in any script, including those written without spaces between words."""

from __future__ import annotations

import re

#: Scripts written without spaces between words: kana, CJK ideographs, Thai, Lao, Burmese, Khmer.
_UNSPACED = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]")


def count_words(text: str) -> int:
    """Words in `text`: whitespace-separated tokens, and in unspaced scripts one word per two characters
    (about the mean word length of Chinese and Japanese), so such articles are not taken for fragments."""
    unspaced = len(_UNSPACED.findall(text))
    if not unspaced:
        return len(text.split())
    spaced = sum(1 for token in text.split() if not _UNSPACED.search(token))
    return spaced + (unspaced + 1) // 2
