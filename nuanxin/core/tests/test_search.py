"""core.search: the SQL it writes names only plain tables."""

import pytest

from nuanxin.core.search import index_sql


def test_index_sql_names_the_table_and_its_shadow():
    sql = index_sql("jobs_vacancy")
    assert sql["up"]["sqlite"][0].startswith("CREATE VIRTUAL TABLE jobs_vacancy_fts USING fts5(search_doc, "
                                             "content='jobs_vacancy'")
    assert sql["up"]["postgresql"] == ["CREATE INDEX jobs_vacancy_search_gin ON jobs_vacancy USING gin "
                                       "(to_tsvector('simple'::regconfig, search_doc))"]
    assert sql["down"]["sqlite"][-1] == "DROP TABLE IF EXISTS jobs_vacancy_fts"


@pytest.mark.parametrize("name", ["", "Gigs", "gigs_gig; DROP TABLE x", "gigs gig", "1gig", "a" * 64])
def test_only_plain_table_names_are_accepted(name):
    with pytest.raises(ValueError):
        index_sql(name)
