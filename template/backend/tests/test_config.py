"""The backend refuses to start with missing or unsafe settings."""

from collections.abc import Iterator

import pytest

from app.config import SettingsError, get_settings

STRONG_SECRET = "0123456789abcdef0123456789abcdef"


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
        ("", "JWT_SECRET: must be at least 32 bytes long"),
        ("too-short-secret", "JWT_SECRET: must be at least 32 bytes long"),
        ("your-super-secret-32-char-minimum-key", "JWT_SECRET: is a placeholder"),
        ("CHANGEME", "JWT_SECRET: is a placeholder"),
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
