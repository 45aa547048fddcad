-- The web role no longer reads removal requests: they hold what visitors typed about themselves
-- (a contact address, a reason), and nothing the pages or the API show comes from them. The form
-- records a request and the operator's endpoint applies it through the ETL role (its grants are
-- unchanged), so the read-only role that serves every public page cannot be made to reveal them.
REVOKE SELECT ON removal_requests FROM vinops_web;
