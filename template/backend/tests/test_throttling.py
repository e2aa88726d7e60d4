"""Throttling (docs/security.md, "Throttling"): bounded password hashing,
per-address buckets, sign-in limits nobody can turn against the owner, the
client address as trusted proxies report it, and bcrypt cost upgrades."""

import asyncio
import threading
from typing import Any

import bcrypt
import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from app.auth import device
from app.auth.password import HashingBusyError, PasswordHasher
from app.config import Settings, get_settings
from app.main import create_app
from tests.helpers import PASSWORD, bearer, new_user
from tests.registration import REGISTERED, register
from tests.round_trips import counting_round_trips
from tests.transport import (
    CLIENT_HEADERS,
    device_proof_of,
    keep_device_proof,
    token_of,
)

ATTACKER = "198.51.100.66"
OWNER = "203.0.113.10"
WRONG_PASSWORD = "not the password"


def limits(**values: Any) -> Settings:
    return get_settings().model_copy(update=values)


def client_for(settings: Settings, address: str = OWNER) -> TestClient:
    return TestClient(
        create_app(settings), headers=CLIENT_HEADERS, client=(address, 50000)
    )


def login(client: TestClient, email: str, password: str = WRONG_PASSWORD) -> int:
    response = client.post(
        "/api/auth/login", json={"email": email, "password": password}
    )
    return response.status_code


# Bounded hashing: a request that finds the queue full waits a little for a
# place, then gets 503.


def full_queue(client: TestClient) -> None:
    hasher = client.app.state.password_hasher  # type: ignore[attr-defined]
    hasher.capacity = 0
    hasher.wait_seconds = 0


def test_a_full_hashing_queue_answers_503_with_retry_after(client: TestClient) -> None:
    registered = register(client, email="queued@example.com")
    full_queue(client)

    answers = [
        client.post("/api/auth/register", json=new_user()),
        client.post(
            "/api/auth/login",
            json={"email": "queued@example.com", "password": PASSWORD},
        ),
        client.post(
            "/api/auth/password",
            json={"current_password": PASSWORD, "new_password": "another long one"},
            headers=bearer(token_of(registered)),
        ),
    ]

    assert [answer.status_code for answer in answers] == [503, 503, 503]
    assert all(int(answer.headers["retry-after"]) >= 1 for answer in answers)


def test_a_full_hashing_queue_answers_before_any_database_work(
    client: TestClient,
) -> None:
    full_queue(client)

    with counting_round_trips(client.app.state.engine) as trips:  # type: ignore[attr-defined]
        answer = client.post(
            "/api/auth/login",
            json={"email": "nobody@example.com", "password": PASSWORD},
        )

    assert answer.status_code == 503
    assert trips.count == 0, trips.statements


def test_a_caller_at_a_full_queue_gets_the_place_that_frees_while_it_waits() -> None:
    async def scenario() -> bool:
        hasher = PasswordHasher(rounds=4, wait_seconds=60)
        hasher.capacity = 1
        release = threading.Event()
        holder = asyncio.create_task(hasher._admit(release.wait))
        await asyncio.sleep(0)
        waiter = asyncio.create_task(hasher.verify(PASSWORD, None))
        await asyncio.sleep(0.05)
        assert not waiter.done(), "admitted while the only place was taken"
        release.set()
        await holder
        result = await waiter
        hasher.close()
        return result

    # The unknown-user check ran, so the waiter was admitted, not refused.
    assert asyncio.run(scenario()) is False


def test_a_caller_at_a_queue_that_stays_full_gets_503_with_retry_after() -> None:
    async def scenario() -> HashingBusyError:
        hasher = PasswordHasher(rounds=4, wait_seconds=0.01)
        hasher.capacity = 1
        release = threading.Event()
        holder = asyncio.create_task(hasher._admit(release.wait))
        await asyncio.sleep(0)
        try:
            with pytest.raises(HashingBusyError) as refused:
                await hasher.verify(PASSWORD, None)
        finally:
            release.set()
            await holder
            hasher.close()
        return refused.value

    refusal = asyncio.run(scenario())
    assert refusal.status_code == 503
    assert refusal.headers is not None
    assert int(refusal.headers["Retry-After"]) >= 1


def test_the_hashing_queue_holds_a_few_seconds_of_work() -> None:
    with client_for(get_settings()) as client:
        hasher = client.app.state.password_hasher  # type: ignore[attr-defined]
        seconds_queued = hasher.capacity * hasher.seconds_per_hash / hasher.workers

    assert hasher.capacity >= hasher.workers
    assert seconds_queued <= get_settings().hashing_queue_seconds


# Per-address buckets, checked before any hashing.


@pytest.fixture
def hashes(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    made: list[bytes] = []
    real_hashpw = bcrypt.hashpw

    def counting_hashpw(password: bytes, salt: bytes) -> bytes:
        made.append(salt)
        return real_hashpw(password, salt)

    monkeypatch.setattr(bcrypt, "hashpw", counting_hashpw)
    return made


def test_registrations_from_one_address_are_limited_before_hashing(
    hashes: list[bytes],
) -> None:
    settings = limits(password_requests_burst_per_address=3)
    with client_for(settings, ATTACKER) as attacker, client_for(settings) as owner:
        hashes.clear()
        flood = [attacker.post("/api/auth/register", json=new_user()) for _ in range(4)]
        other = owner.post("/api/auth/register", json=new_user())

    assert [answer.status_code for answer in flood] == [REGISTERED] * 3 + [429]
    assert 1 <= int(flood[-1].headers["retry-after"]) <= 6
    assert len(hashes) == 4  # three of the flood and the other address's
    assert other.status_code == REGISTERED


def test_logins_take_from_the_same_bucket_across_instances() -> None:
    settings = limits(password_requests_burst_per_address=2)
    with client_for(settings) as first, client_for(settings) as second:
        statuses = [
            login(first, "a@example.com"),
            login(second, "b@example.com"),
            login(first, "c@example.com"),
        ]

    assert statuses == [401, 401, 429]


# Sign-in limits: per email and address, per address, and a per-email ceiling.


def test_failures_from_one_address_do_not_lock_the_owner_out() -> None:
    settings = limits(
        login_max_failures_per_email_and_address=3, login_lockout_seconds=600
    )
    with client_for(settings) as owner, client_for(settings, ATTACKER) as attacker:
        register(owner, email="target@example.com")
        failures = [login(attacker, "target@example.com") for _ in range(3)]
        attacker_with_password = attacker.post(
            "/api/auth/login",
            json={"email": "target@example.com", "password": PASSWORD},
        )
        owner_login = login(owner, "target@example.com", PASSWORD)

    assert failures == [401, 401, 401]
    assert attacker_with_password.status_code == 429
    assert 590 <= int(attacker_with_password.headers["retry-after"]) <= 600
    assert owner_login == 200


def test_the_per_email_ceiling_counts_failures_from_everywhere() -> None:
    settings = limits(login_max_failures_per_email=3)
    statuses = []
    for number in range(4):
        with client_for(settings, f"192.0.2.{number + 1}") as client:
            statuses.append(login(client, "sprayed@example.com"))

    assert statuses == [401, 401, 401, 429]


def test_a_browser_that_signed_in_before_is_exempt_from_the_ceiling() -> None:
    settings = limits(login_max_failures_per_email=3)
    email = "owned@example.com"
    with client_for(settings) as owner:
        register(owner, email=email)
        first = owner.post(
            "/api/auth/login", json={"email": email, "password": PASSWORD}
        )
        keep_device_proof(owner, first)
        for number in range(3):
            with client_for(settings, f"192.0.2.{number + 1}") as stranger:
                login(stranger, email)
        with client_for(settings, "192.0.2.50") as new_browser:
            new_browser_login = login(new_browser, email, PASSWORD)
        owner_login = login(owner, email, PASSWORD)

    assert new_browser_login == 429
    assert owner_login == 200


def test_a_device_proof_vouches_for_its_own_email_only() -> None:
    settings = get_settings()
    proof = device.issue("ada@example.com", settings)
    payload, _, signature = proof.rpartition(".")
    expired = get_settings().model_copy(update={"trusted_device_days": -1})

    assert device.vouches_for(proof, "ada@example.com", settings)
    assert not device.vouches_for(proof, "grace@example.com", settings)
    assert not device.vouches_for(
        payload + ".x" + signature, "ada@example.com", settings
    )
    assert not device.vouches_for(
        device.issue("ada@example.com", expired), "ada@example.com", settings
    )
    assert not device.vouches_for(None, "ada@example.com", settings)


def test_a_login_hands_out_a_device_proof(client: TestClient) -> None:
    register(client, email="proved@example.com")

    response = client.post(
        "/api/auth/login",
        json={"email": "proved@example.com", "password": PASSWORD},
    )

    proof = device_proof_of(response)
    assert proof and device.vouches_for(proof, "proved@example.com", get_settings())


def test_an_unknown_email_is_throttled_like_a_known_one() -> None:
    settings = limits(login_max_failures_per_email_and_address=2)
    with client_for(settings) as client:
        register(client, email="known@example.com")
        known = [login(client, "known@example.com") for _ in range(3)]
        unknown = [login(client, "unknown@example.com") for _ in range(3)]

    assert known == unknown == [401, 401, 429]


def test_failures_from_one_address_across_emails_are_refused() -> None:
    settings = limits(login_max_failures_per_address=4)
    with client_for(settings) as client:
        statuses = [login(client, f"user{n}@example.com") for n in range(5)]

    assert statuses == [401, 401, 401, 401, 429]


def test_a_successful_login_resets_the_emails_counts() -> None:
    settings = limits(login_max_failures_per_email_and_address=3)
    with client_for(settings) as client:
        register(client, email="forgetful@example.com")
        before = [login(client, "forgetful@example.com") for _ in range(2)]
        success = login(client, "forgetful@example.com", PASSWORD)
        after = [login(client, "forgetful@example.com") for _ in range(2)]

    assert (before, success, after) == ([401, 401], 200, [401, 401])


# The client address: X-Forwarded-For only from trusted proxies.


def failures_with_forwarded_for(peer: str, forwarded_for: list[str]) -> list[int]:
    settings = limits(login_max_failures_per_address=2)
    with client_for(settings, peer) as client:
        return [
            client.post(
                "/api/auth/login",
                json={"email": f"user{n}@example.com", "password": "wrong password"},
                headers={"X-Forwarded-For": value},
            ).status_code
            for n, value in enumerate(forwarded_for)
        ]


def test_a_proxied_request_is_throttled_by_its_real_client() -> None:
    # The browser's own header comes first; the proxy appends the real address.
    forged = [f"192.0.2.{n}, {ATTACKER}" for n in range(1, 4)]

    assert failures_with_forwarded_for("127.0.0.1", forged) == [401, 401, 429]


def test_distinct_clients_behind_the_proxy_are_counted_apart() -> None:
    clients = ["192.0.2.1", "192.0.2.2", "192.0.2.3"]

    assert failures_with_forwarded_for("127.0.0.1", clients) == [401, 401, 401]


def test_the_header_from_an_untrusted_peer_is_ignored() -> None:
    rotating = ["192.0.2.1", "192.0.2.2", "192.0.2.3"]

    assert failures_with_forwarded_for(ATTACKER, rotating) == [401, 401, 429]


def test_loopback_without_the_header_is_a_client_too() -> None:
    settings = limits(login_max_failures_per_address=2)
    with client_for(settings, "127.0.0.1") as client:
        statuses = [login(client, f"user{n}@example.com") for n in range(3)]

    assert statuses == [401, 401, 429]


def test_trusted_proxies_are_read_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TRUSTED_PROXIES", "10.0.0.0/8, 192.0.2.7")

    proxies = [str(network) for network in Settings().trusted_proxies]

    assert proxies == ["10.0.0.0/8", "192.0.2.7/32"]


# Current-password checks count as failed sign-ins and end the session.


def test_wrong_current_passwords_end_the_session() -> None:
    settings = limits(current_password_max_failures=3)
    with client_for(settings) as client:
        token = token_of(register(client, email="stolen@example.com"))

        def change(current: str) -> int:
            response = client.post(
                "/api/auth/password",
                json={"current_password": current, "new_password": "a new password"},
                headers=bearer(token),
            )
            return response.status_code

        guesses = [change(f"guess number {n}") for n in range(3)]
        afterwards = client.get("/api/auth/me", headers=bearer(token))

    assert guesses == [422, 422, 401]
    assert afterwards.status_code == 401


def test_wrong_current_passwords_count_as_failed_sign_ins() -> None:
    settings = limits(login_max_failures_per_email_and_address=2)
    with client_for(settings) as client:
        token = token_of(register(client, email="checked@example.com"))
        for _ in range(2):
            client.post(
                "/api/auth/password",
                json={"current_password": "not mine", "new_password": "a new one!"},
                headers=bearer(token),
            )
        status = login(client, "checked@example.com", PASSWORD)

    assert status == 429


# Hash upgrade: a login re-hashes at today's BCRYPT_ROUNDS.


def test_a_login_rehashes_a_password_made_at_another_cost(
    client: TestClient, sync_engine: sa.Engine
) -> None:
    register(client, email="old@example.com")
    older = bcrypt.hashpw(PASSWORD.encode(), bcrypt.gensalt(5)).decode()
    users = sa.table("users", sa.column("email"), sa.column("hashed_password"))
    with sync_engine.begin() as connection:
        connection.execute(sa.update(users).values(hashed_password=older))

    status = login(client, "old@example.com", PASSWORD)

    with sync_engine.connect() as connection:
        stored = connection.execute(sa.select(users.c.hashed_password)).scalar_one()
    rounds = get_settings().bcrypt_rounds
    assert status == 200
    assert stored.startswith(f"$2b${rounds:02d}$")
    assert bcrypt.checkpw(PASSWORD.encode(), stored.encode())
