import pytest

from nuanxin.core.text import document_tokens, query_terms


def matches(doc_text: str, query: str) -> bool:
    doc = " " + " ".join(document_tokens(doc_text)) + " "
    return all(" " + t in doc for t in query_terms(query))


@pytest.mark.parametrize("query", ["保洁", "baojie", "bj", "保", "BaoJie", "ｂａｏｊｉｅ"])
def test_chinese_pinyin_and_initials_find_the_same_text(query):
    assert matches("家庭保洁 4小时", query)


@pytest.mark.parametrize("query", ["驿站", "淞南", "千灯", "qiandeng", "songnan", "淞南驿站"])
def test_station_names(query):
    assert matches('千灯镇淞南社区暖"新"驿站', query)


@pytest.mark.parametrize("query", ["搬运", "banyun", "医院", "zz"])
def test_non_matches(query):
    assert not matches('千灯镇淞南社区暖"新"驿站', query)
