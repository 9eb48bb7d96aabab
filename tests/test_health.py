def test_health_needs_no_sign_in(anonymous_api):
    response = anonymous_api.get("/api/v1/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_signed_in_officer_sees_themselves(api_factory, officer):
    api = api_factory(officer)
    response = api.get("/api/v1/auth/me")
    assert response.status_code == 200
    assert response.json()["collar_number"] == "PC1"
