"""The backend refuses to start with missing or unsafe settings."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.config import SettingsError, get_settings, secret_problem

# What secrets.token_hex(32) gives: 64 hex digits, 256 bits.
STRONG_SECRET = "9c1f7a3e5b0d2486fe13ac97d05b6e28a4f9c3710e8d5b2a6c4f0e9d17b3a852"


@pytest.fixture
def environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    monkeypatch.chdir("/")  # keep backend/.env out of these tests
    get_settings.cache_clear()
    yield monkeypatch
    get_settings.cache_clear()


@pytest.mark.parametrize(
    ("secret", "message"),
    [
        (None, "JWT_SECRET: Field required"),
        ("", "JWT_SECRET: is empty"),
        ("a" * 64, "JWT_SECRET: repeats a shorter pattern"),
        (" " * 64, "JWT_SECRET: contains whitespace"),
        ("changeme" * 8, "JWT_SECRET: contains a word of an example secret"),
        ("your-super-secret-32-char-minimum-key", "JWT_SECRET: contains a word"),
        ("0123456789abcdef" * 4, "JWT_SECRET: repeats a shorter pattern"),
        ("ab12cd34ef" * 6 + "ab", "JWT_SECRET: repeats a shorter pattern"),
        ("aabbccddee" * 4 + "abcdeabcdf", "JWT_SECRET: uses fewer than 10"),
        # 32 hex digits: 128 bits.
        (STRONG_SECRET[:32], "JWT_SECRET: carries about 128 bits, 256 are needed"),
    ],
)
def test_an_unsafe_secret_stops_the_start(
    environment: pytest.MonkeyPatch, secret: str | None, message: str
) -> None:
    if secret is None:
        environment.delenv("JWT_SECRET", raising=False)
    else:
        environment.setenv("JWT_SECRET", secret)

    with pytest.raises(SettingsError) as stopped:
        get_settings()

    text = str(stopped.value)
    assert message in text
    assert "backend cannot start" in text
    if secret is not None:
        assert "secrets.token_hex(32)" in text  # how to make a good one
    if secret:
        assert secret not in text.replace(message, "")


def test_a_strong_secret_is_accepted(environment: pytest.MonkeyPatch) -> None:
    environment.setenv("JWT_SECRET", STRONG_SECRET)

    assert get_settings().jwt_secret == STRONG_SECRET


def test_production_refuses_cheap_password_hashing(
    environment: pytest.MonkeyPatch,
) -> None:
    environment.setenv("JWT_SECRET", STRONG_SECRET)
    environment.setenv("ENVIRONMENT", "production")
    environment.setenv("BCRYPT_ROUNDS", "4")

    with pytest.raises(SettingsError, match="BCRYPT_ROUNDS below 10"):
        get_settings()


def test_cors_origins_are_a_comma_separated_list(
    environment: pytest.MonkeyPatch,
) -> None:
    environment.setenv("JWT_SECRET", STRONG_SECRET)
    environment.setenv("CORS_ORIGINS", "https://a.example, https://b.example")

    assert get_settings().cors_origins == ["https://a.example", "https://b.example"]


def test_a_wildcard_cors_origin_is_refused(environment: pytest.MonkeyPatch) -> None:
    environment.setenv("JWT_SECRET", STRONG_SECRET)
    environment.setenv("CORS_ORIGINS", "*")

    with pytest.raises(SettingsError, match="CORS_ORIGINS"):
        get_settings()


@pytest.mark.parametrize("secret", ["", "a" * 64, STRONG_SECRET[:32]])
def test_a_weak_secret_is_refused_in_development_too(
    environment: pytest.MonkeyPatch, secret: str
) -> None:
    environment.setenv("JWT_SECRET", secret)
    environment.setenv("ENVIRONMENT", "development")

    with pytest.raises(SettingsError, match="JWT_SECRET"):
        get_settings()


def test_the_secret_of_a_new_project_is_accepted() -> None:
    # backend/.env as copier wrote it.
    env = (Path(__file__).resolve().parent.parent / ".env").read_text()
    secret = next(
        line.removeprefix("JWT_SECRET=")
        for line in env.splitlines()
        if line.startswith("JWT_SECRET=")
    )

    assert secret_problem(secret) is None


@pytest.mark.parametrize("origin", ["null", "http://app.example"])
def test_production_refuses_origins_that_are_not_https(
    environment: pytest.MonkeyPatch, origin: str
) -> None:
    environment.setenv("JWT_SECRET", STRONG_SECRET)
    environment.setenv("ENVIRONMENT", "production")
    environment.setenv("BCRYPT_ROUNDS", "12")
    environment.setenv("CORS_ORIGINS", f"https://app.example, {origin}")

    with pytest.raises(SettingsError, match="CORS_ORIGINS"):
        get_settings()


def test_production_accepts_https_origins(environment: pytest.MonkeyPatch) -> None:
    environment.setenv("JWT_SECRET", STRONG_SECRET)
    environment.setenv("ENVIRONMENT", "production")
    environment.setenv("BCRYPT_ROUNDS", "12")
    environment.setenv("CORS_ORIGINS", "https://app.example")

    assert get_settings().cors_origins == ["https://app.example"]
