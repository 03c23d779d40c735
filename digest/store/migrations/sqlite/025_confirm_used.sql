-- The nonce of the confirmation link a subscriber last used, kept when
-- the link is used up: the same link clicked again, by someone still
-- subscribed, is told so (already subscribed) instead of "not valid".
-- The link's HMAC is checked against it as against a live nonce, so a
-- forged link still gets the invalid-link page.
ALTER TABLE subscribers ADD COLUMN confirm_used_nonce TEXT NOT NULL DEFAULT '';
