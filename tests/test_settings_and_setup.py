import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent


def run_check(env_overrides, command="check"):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update({"DJANGO_SETTINGS_MODULE": "newsroom.settings", **env_overrides})
    return subprocess.run([sys.executable, "manage.py", command], cwd=ROOT, env=env, capture_output=True, text=True)


@pytest.mark.parametrize("command", ["check", "import_seeds"])
def test_production_refuses_to_start_without_a_secret_key_in_one_line(command):
    result = run_check({}, command)
    assert result.returncode == 2, "2: how to run it is wrong; 1 means some files were rejected"
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "DJANGO_SECRET_KEY must be set" in result.stderr and "DJANGO_DEBUG=1" in result.stderr


def test_the_retired_per_worker_sending_rate_stops_start_up_with_what_to_set_instead():
    result = run_check({"DJANGO_SECRET_KEY": "x" * 60, "DJANGO_ALLOWED_HOSTS": "news.example.org",
                        "NEWSLETTER_RATE_PER_WORKER": "5"})
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "NEWSLETTER_RATE_PER_SECOND" in result.stderr


def test_production_starts_with_a_secret_key():
    result = run_check({"DJANGO_SECRET_KEY": "x" * 60, "DJANGO_ALLOWED_HOSTS": "news.example.org"})
    assert result.returncode == 0, result.stderr


@pytest.mark.django_db
def test_the_demo_editor_is_created_once_and_its_password_printed_once(capsys):
    call_command("create_demo_editor")
    first = capsys.readouterr().out
    password = first.rsplit("password: ", 1)[1].strip()
    user = get_user_model().objects.get(username="editor")
    assert user.check_password(password) and user.is_staff and user.groups.filter(name="Editors").exists()
    call_command("create_demo_editor")
    second = capsys.readouterr().out
    assert password not in second and "already exists" in second
    assert get_user_model().objects.filter(username="editor").count() == 1


@pytest.mark.django_db
def test_the_demo_editor_can_start_enrolling_a_second_factor(client, capsys, mailoutbox, settings):
    # Editors must use a second factor, and enrolling starts with a mailed code: without an
    # address the newcomer of ``make run`` was stopped at "Your account has no e-mail address".
    call_command("create_demo_editor")
    password = capsys.readouterr().out.rsplit("password: ", 1)[1].strip()
    assert client.post(reverse("admin:login"), {"username": "editor", "password": password}).status_code == 302
    page = client.get(reverse("security:confirm_email"))
    assert page.status_code == 200 and "no e-mail address" not in page.content.decode()
    assert [message.to for message in mailoutbox] == [["editor@example.org"]]
    assert "prints it in the terminal" not in page.content.decode()  # a real mail server: nothing to say
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"  # make run's
    assert "prints it in the terminal" in client.get(reverse("security:confirm_email")).content.decode()


@pytest.mark.django_db
def test_a_demo_editor_made_without_an_address_gets_one(capsys):
    get_user_model().objects.create_user(username="editor", password="x", is_staff=True)
    call_command("create_demo_editor")
    assert get_user_model().objects.get(username="editor").email == "editor@example.org"
