"""bench_liveblog's pieces that need no server: reading a chunked answer, and save-to-seen delays."""

from devtools import liveblog_bench


def test_a_chunked_body_is_put_back_together():
    assert liveblog_bench._unchunk(b"5\r\nhello\r\n6;x=1\r\n world\r\n0\r\n\r\n") == b"hello world"


def test_delays_count_each_readers_first_sight_of_each_entry_the_bench_saved():
    tally = liveblog_bench.Tally(seen_at={7: [100.5, 110.0], 8: [130.0], 99: [1.0]})
    assert sorted(liveblog_bench.delays({7: 100.0, 8: 120.0}, tally)) == [0.5, 10.0, 10.0]
    assert liveblog_bench.median([0.5, 10.0, 10.0]) == 10.0
