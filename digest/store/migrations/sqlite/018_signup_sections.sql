-- The sections chosen on the sign-up form travel with the request and
-- with the confirmation link it mails, and become the subscriber's only
-- when the link is used: nobody can change a stranger's sections by
-- signing their address up.
ALTER TABLE notices ADD COLUMN sections TEXT NOT NULL DEFAULT '';
ALTER TABLE subscribers ADD COLUMN confirm_sections TEXT NOT NULL DEFAULT '';
