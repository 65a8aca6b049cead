from tests.support.http import host_client


def test_public_host_serves_the_public_site(public_client):
    response = public_client.get("/")
    assert response.status_code == 200
    assert b"Perfony" in response.content


def test_extranet_host_serves_its_login(acme_client):
    response = acme_client.get("/accounts/login/")
    assert response.status_code == 200
    assert b"Acme SA" in response.content


def test_unknown_extranet_gets_a_friendly_404(db):
    response = host_client("nosuchcompany.iperfony.localhost").get("/")
    assert response.status_code == 404
    assert b"does not exist" in response.content
    assert b"nosuchcompany.iperfony.localhost" in response.content
    assert b"Meetings that decide" not in response.content  # never the public site


def test_host_outside_allowed_hosts_gets_400(db):
    for host in ["evil.example.com", "acme.iperfony.localhost.evil.com", "bad host!"]:
        response = host_client(host).get("/")
        assert response.status_code == 400, host


def test_back_office_is_not_mounted_on_extranets(acme_client, public_client):
    assert acme_client.get("/admin/").status_code == 404
    assert public_client.get("/admin/").status_code == 302


def test_healthz_answers_on_every_host(public_client, acme_client):
    assert public_client.get("/healthz").status_code == 200
    assert acme_client.get("/healthz").status_code == 200
