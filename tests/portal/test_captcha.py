"""A captcha passes once, even when two requests check it at the same moment."""

import threading

import pytest
from django.db import connection

from portal import captcha


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_checks_of_one_captcha_pass_once(monkeypatch):
    token = captcha.new_challenge()
    answer = captcha.answer_for(token)
    # Both checks read the stored answer before either spends it: the worst interleaving.
    both_read = threading.Barrier(2, timeout=10)
    read = captcha._stored_answer

    def read_then_wait(key):
        value = read(key)
        both_read.wait()
        return value

    monkeypatch.setattr(captcha, "_stored_answer", read_then_wait)
    results = []

    def check():
        try:
            results.append(captcha.verify(token, answer))
        finally:
            connection.close()

    threads = [threading.Thread(target=check) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False, True]


@pytest.mark.django_db
def test_a_wrong_answer_spends_the_captcha():
    token = captcha.new_challenge()
    answer = captcha.answer_for(token)
    assert captcha.verify(token, "0000" if answer != "0000" else "1111") is False
    assert captcha.verify(token, answer) is False
    assert captcha.answer_for(token) is None
