"""Two servers on one PostgreSQL database behave as one."""

import json
import time
import uuid

import requests



def call(host, method, path, token, body=None):
    response = requests.request(method, host + path, json=body, headers={
        "Authorization": f"Bearer {token}", "X-Response-Format": "raw"})
    return response.status_code, response.json()


def audit_event(item_id):
    return {"id": str(uuid.uuid4()), "time": "2026-01-02T03:04:05.678Z", "action": "read", "itemId": item_id,
            "vaultId": "v1", "field": "password", "bytes": 12, "result": "ok",
            "caller": {"uid": 1000, "gid": 1000, "pid": 42, "exe": "/usr/bin/cat"}, "host": "h1",
            "mount": "/mnt/secrets"}


def test_two_replicas_share_sessions_and_audit(postgres_deployment):
    deployment = postgres_deployment
    first, second = deployment.start(), deployment.start()
    credentials = deployment.credentials

    # A pair refreshed on one replica is accepted by the other; the old pair is dead on both.
    status, pair = call(first.host, "POST", "/api/v1/sessions/refresh", credentials["accessToken"],
                        {"refreshToken": credentials["refreshToken"]})
    assert status == 200, pair
    assert call(second.host, "GET", "/api/v1/vaults", pair["accessToken"])[0] == 200
    assert call(second.host, "GET", "/api/v1/vaults", credentials["accessToken"])[0] == 401

    # Reusing the old refresh token on the other replica revokes the session everywhere, even where the
    # new token's session is cached: that replica hears of the change from PostgreSQL within moments.
    assert call(first.host, "GET", "/api/v1/vaults", pair["accessToken"])[0] == 200
    status, body = call(second.host, "POST", "/api/v1/sessions/refresh", pair["accessToken"],
                        {"refreshToken": credentials["refreshToken"]})
    assert status == 401 and body["errors"][0]["code"] == "refreshTokenInvalid"
    assert call(second.host, "GET", "/api/v1/vaults", pair["accessToken"])[0] == 401
    deadline = time.monotonic() + 3
    while call(first.host, "GET", "/api/v1/vaults", pair["accessToken"])[0] != 401:
        assert time.monotonic() < deadline, "the first replica still accepts a token revoked on the second"
        time.sleep(0.02)

    # Audit events posted to both replicas are all visible from either; a replay counts nothing.
    token = deployment.admin("token", "issue", "--login", "admin")["accessToken"]
    batch_one = [audit_event("item-a") for _ in range(3)]
    batch_two = [audit_event("item-b") for _ in range(2)]
    assert call(first.host, "POST", "/api/v1/audit/events", token, {"events": batch_one}) == (200, {"accepted": 3})
    assert call(second.host, "POST", "/api/v1/audit/events", token, {"events": batch_two}) == (200, {"accepted": 2})
    assert call(second.host, "POST", "/api/v1/audit/events", token, {"events": batch_one}) == (200, {"accepted": 0})
    for server in (first, second):
        status, page = call(server.host, "GET", "/api/v1/audit/events?action=read&limit=1000", token)
        assert status == 200
        ids = {event["id"] for event in page["events"]}
        assert ids == {event["id"] for event in batch_one + batch_two}
