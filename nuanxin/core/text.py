"""Chinese search text: one search document per record, so 保洁, baojie and bj find the same thing.

A document holds, space-separated and lower-cased: jieba's words (search mode), every CJK
character and overlapping CJK bigram (Lucene's CJKBigramFilter idea: 1–2 character queries
still match), and for each word and bigram its full pinyin and pinyin initials. Queries are split the
same way; a query term matches a document token that starts with it.
"""

import functools
import logging
import re
import unicodedata

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_RUN = re.compile(f"[{_CJK}]+")
_LATIN_RUN = re.compile(r"[a-z0-9]+")
_TOKEN_SPLIT = re.compile(f"[{_CJK}]+|[a-z0-9]+")


@functools.cache
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


@functools.lru_cache(maxsize=65_536)  # the same words recur across documents (and demo loads)
def _pinyin(word: str) -> tuple[str, str]:
    from pypinyin import Style, lazy_pinyin

    syllables = lazy_pinyin(word, style=Style.NORMAL, errors="ignore")
    return "".join(syllables), "".join(s[0] for s in syllables if s)


def normalise(text: str) -> str:
    # NFKC folds full-width letters and digits (ＡＢＣ１２３) to ASCII.
    return unicodedata.normalize("NFKC", text or "").lower()


@functools.lru_cache(maxsize=65_536)  # titles, roads and town names recur (a generated year: 100,000 gigs)
def _run_tokens(run: str) -> tuple[str, ...]:
    """The tokens of one CJK run, in order: its characters, bigrams, jieba's words and the run,
    each word and bigram followed by its pinyin and initials."""
    out = list(run)
    bigrams = [run[i : i + 2] for i in range(len(run) - 1)]
    words = [w for w in _jieba().cut_for_search(run) if w.strip()]
    # Pinyin of words and of bigrams: jieba may glue 镇淞南 into one word, and a worker typing
    # "songnan" still expects to find 淞南.
    for word in [*bigrams, *words, run]:
        out.append(word)
        out.extend(_pinyin(word))
    return tuple(out)


def document_tokens(*texts: str) -> list[str]:
    tokens: list[str] = []
    seen: set[str] = set()

    def add(tok: str) -> None:
        if tok and tok not in seen:
            seen.add(tok)
            tokens.append(tok)

    for text in texts:
        text = normalise(text)
        for run in _CJK_RUN.findall(text):
            for tok in _run_tokens(run):
                add(tok)
        for word in _LATIN_RUN.findall(text):
            add(word)
    return tokens


def search_document(*texts: str) -> str:
    """The stored search document: tokens between single spaces, with spaces at both ends."""
    return " " + " ".join(document_tokens(*texts)) + " "


def query_terms(query: str) -> list[str]:
    """Terms a document must all contain (as token prefixes).

    A CJK run is cut into words the way documents are; a word longer than two characters
    becomes its overlapping bigrams, which the document holds for any substring. Latin runs
    stay whole so that pinyin prefixes (qiand, qd) work.
    """
    terms: list[str] = []
    for run in _TOKEN_SPLIT.findall(normalise(query)):
        if not _CJK_RUN.fullmatch(run):
            terms.append(run)
            continue
        for word in _jieba().cut(run):
            if len(word) > 2:
                terms.extend(word[i : i + 2] for i in range(len(word) - 1))
            elif word.strip():
                terms.append(word)
    return list(dict.fromkeys(terms))[:16]
