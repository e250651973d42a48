"""fairness.problems(): the screen as (code, message), as posting forms and services report it."""

import pytest

from nuanxin.core import fairness

pytestmark = pytest.mark.django_db


def test_each_message_names_the_words_the_law_and_the_fix():
    found = dict(fairness.problems("仓库理货员", "入职需交押金200元，限男性", ""))
    assert set(found) == {"fee_asked", "sex_limit"}
    assert "押金" in found["fee_asked"] and "《劳动合同法》第九条" in found["fee_asked"]
    assert "男女不限" in found["sex_limit"] and "《就业促进法》第二十七条" in found["sex_limit"]


def test_an_honest_posting_has_no_problems():
    assert fairness.problems("家庭保洁 4小时", "两室一厅日常保洁，工具由公司提供。无需押金，男女不限。", "保洁") == []
