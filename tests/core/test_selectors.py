from core.selectors import column_exists


def test_column_exists_reads_the_catalogue_of_the_schema_given(acme):
    assert column_exists(schema="public", table="core_auditevent", column="action")
    assert not column_exists(schema="public", table="core_auditevent", column="no_such_column")
    # Tenant tables live in the extranet's schema, not in public.
    assert column_exists(schema="ext_acme", table="security_securityevent", column="ip")
    assert not column_exists(schema="public", table="security_securityevent", column="ip")
