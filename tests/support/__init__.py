"""Helpers shared by the tests, split by concern. Test modules import them from here; conftest
modules hold only fixtures (which may use these helpers).

- `tenants`: extranets and schemas (`in_schema`, `extranet_ensure`)
- `http`: clients on a host, logged in or not (`PUBLIC_HOST`, `host_client`, `login_as`)
- `captcha`: a solved public-form challenge (`solved_captcha`)
- `clock`: the fixed instants the time-travelling tests start from (`T0`, `PARIS`)
- `retention`: audit events, sessions and retention runs at a given time
- `privacy`: the people of the proofs, a sample person in every registered model, requests run
  as staff would, exports
- `uploads`: real PDF bytes and a PNG for upload checks
- `consent`: posting a banner choice
- `db`: data set up once for a class or module of tests, each test still rolled back
- `settings`: settings modules imported under a given environment, many in one child process
"""
