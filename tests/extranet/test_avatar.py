"""Avatar uploads: only real small images, re-encoded without metadata, served to members only."""

from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from accounts.models import User
from tests.factories import UserFactory
from tests.support.http import login_as
from tests.support.tenants import in_schema


def _image(fmt="JPEG", size=(64, 48), exif=None) -> bytes:
    out = BytesIO()
    image = Image.new("RGB", size, (200, 30, 30))
    kwargs = {"exif": exif} if exif is not None else {}
    image.save(out, format=fmt, **kwargs)
    return out.getvalue()


def _gps_exif() -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "SpyCam Inc."  # Make
    exif[0x8825] = {1: "N", 2: (48.0, 51.0, 29.0), 3: "E", 4: (2.0, 17.0, 40.0)}  # GPSInfo
    return exif


def _upload(client, data: bytes, name="me.jpg", content_type="image/jpeg"):
    return client.post(
        "/preferences/avatar/", {"avatar": SimpleUploadedFile(name, data, content_type)}
    )


def _stored(acme, user) -> User:
    with in_schema(acme):
        return User.objects.get(pk=user.pk)


def test_jpeg_with_gps_exif_is_reencoded_to_webp_without_metadata(
    acme, acme_member_client, acme_member
):
    original = _image(exif=_gps_exif())
    assert b"SpyCam" in original
    assert _upload(acme_member_client, original).status_code == 302
    user = _stored(acme, acme_member)
    assert user.avatar.name.startswith("tenants/ext_acme/avatars/")
    assert user.avatar.name.endswith(".webp")
    with user.avatar.open("rb") as handle:
        stored = handle.read()
    assert b"SpyCam" not in stored and b"Exif" not in stored
    image = Image.open(BytesIO(stored))
    assert image.format == "WEBP"
    assert len(image.getexif()) == 0


def test_png_and_webp_are_accepted(acme, acme_member_client, acme_member):
    assert _upload(acme_member_client, _image("PNG"), "a.png", "image/png").status_code == 302
    assert _upload(acme_member_client, _image("WEBP"), "a.webp", "image/webp").status_code == 302


def test_replacing_the_avatar_deletes_the_old_file(
    acme, acme_member_client, acme_member, django_capture_on_commit_callbacks
):
    _upload(acme_member_client, _image())
    first = _stored(acme, acme_member).avatar
    storage, first_name = first.storage, first.name
    with django_capture_on_commit_callbacks(execute=True):
        _upload(acme_member_client, _image("PNG"), "b.png", "image/png")
    assert not storage.exists(first_name)


def test_oversized_file_is_refused(acme, acme_member_client, acme_member):
    big = _image("PNG", size=(10, 10)) + b"\0" * (2 * 1024 * 1024)
    response = _upload(acme_member_client, big, "big.png", "image/png")
    assert response.status_code == 400
    assert "larger than 2 MB" in response.content.decode()
    assert _stored(acme, acme_member).avatar.name == ""


def test_too_many_pixels_is_refused(acme, acme_member_client, acme_member):
    response = _upload(acme_member_client, _image("PNG", size=(4097, 10)), "wide.png", "image/png")
    assert response.status_code == 400
    assert "4096" in response.content.decode()
    assert _stored(acme, acme_member).avatar.name == ""


def test_a_file_that_is_not_an_image_is_refused(acme, acme_member_client, acme_member):
    response = _upload(acme_member_client, b"<?php system($_GET['c']); ?>", "x.jpg", "image/jpeg")
    assert response.status_code == 400
    assert "not a JPEG, PNG or WebP image" in response.content.decode()
    assert _stored(acme, acme_member).avatar.name == ""


def test_other_image_formats_are_refused(acme, acme_member_client, acme_member):
    response = _upload(acme_member_client, _image("GIF"), "x.gif", "image/gif")
    assert response.status_code == 400
    assert "not a JPEG, PNG or WebP image" in response.content.decode()


def test_truncated_image_is_refused(acme, acme_member_client, acme_member):
    response = _upload(acme_member_client, _image()[:200])
    assert response.status_code == 400
    assert _stored(acme, acme_member).avatar.name == ""


def test_avatar_is_served_to_members_of_the_same_extranet_only(
    acme, globex, acme_client, acme_member_client, acme_member, globex_client
):
    _upload(acme_member_client, _image())
    url = f"/avatars/{acme_member.pk}/"
    response = acme_member_client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/webp"
    assert response["Cache-Control"].startswith("private")

    anonymous = acme_client.__class__(HTTP_HOST="acme.iperfony.localhost")
    assert anonymous.get(url).status_code == 302  # to the login page, no image

    with in_schema(globex):
        carol = UserFactory(username="carol2", email="carol2@globex.example", pk=acme_member.pk)
    login_as(globex_client, globex, carol)
    # Same user id in globex: globex's own row has no avatar, acme's file is never reached.
    assert globex_client.get(url).status_code == 404


def test_avatar_is_not_published_under_media(acme, acme_member_client, acme_member, public_client):
    _upload(acme_member_client, _image())
    name = _stored(acme, acme_member).avatar.name
    assert public_client.get(f"/media/{name}").status_code == 404
    assert acme_member_client.get(f"/media/{name}").status_code == 404


def test_remove_avatar(acme, acme_member_client, acme_member, django_capture_on_commit_callbacks):
    _upload(acme_member_client, _image())
    storage_name = _stored(acme, acme_member).avatar.name
    with django_capture_on_commit_callbacks(execute=True):
        response = acme_member_client.post("/preferences/avatar/", {"remove": "1"})
    assert response.status_code == 302
    user = _stored(acme, acme_member)
    assert user.avatar.name == ""
    assert not user.avatar.storage.exists(storage_name)


def test_a_row_pointing_at_another_extranets_file_is_not_served(
    acme, globex, acme_member_client, acme_member, globex_client
):
    _upload(acme_member_client, _image())
    acme_file = _stored(acme, acme_member).avatar.name
    with in_schema(globex):
        mallory = UserFactory(username="mallory", email="m@globex.example")
        User.objects.filter(pk=mallory.pk).update(avatar=acme_file)
    login_as(globex_client, globex, mallory)
    assert globex_client.get(f"/avatars/{mallory.pk}/").status_code == 404


def test_a_png_with_a_corrupt_exif_chunk_is_a_form_error(acme, acme_member_client, acme_member):
    import struct
    import zlib

    png = _image("PNG")
    body = b"eXIf" + b"garbage!!"
    chunk = struct.pack(">I", len(body) - 4) + body + struct.pack(">I", zlib.crc32(body))
    response = _upload(acme_member_client, png[:33] + chunk + png[33:], "me.png", "image/png")
    assert response.status_code == 400
    assert not _stored(acme, acme_member).avatar
