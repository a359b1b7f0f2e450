import pytest

from tests.factories import ArticleFactory, UserFactory


@pytest.fixture
def writer(db):
    return UserFactory(username="writer", role="Writers")


@pytest.fixture
def editor(db):
    return UserFactory(username="editor", role="Editors")


@pytest.fixture
def treasurer(db):
    return UserFactory(username="treasurer", role="Treasurer")


@pytest.fixture
def superuser(db):
    return UserFactory(username="admin", is_superuser=True)


@pytest.fixture
def published_article(db):
    return ArticleFactory()


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _english_between_tests():
    """A request to /ps/ or /fa-af/ leaves that language active in the thread; start each test in English."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def _test_client_logins_pass_second_factor():
    """``client.force_login(superuser)`` gives a session that passed 2FA too (see tests/security/otp.py).

    Superusers and the Treasurer must use two-factor authentication in the admin;
    without this every admin test would need the ceremony. Tests of 2FA itself
    sign in through the login form, which this does not touch.
    """
    from django.contrib.auth.signals import user_logged_in

    from tests.security.otp import verify_test_client_logins

    user_logged_in.connect(verify_test_client_logins, dispatch_uid="tests-otp")
    yield
    user_logged_in.disconnect(dispatch_uid="tests-otp")
