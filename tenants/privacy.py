from privacy.registry import not_personal

not_personal("tenants.Extranet", "Company records (name, contract dates), not people.")
not_personal("tenants.Domain", "Host names of extranets.")
