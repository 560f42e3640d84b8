-- Idempotency-Key answers are kept by platform/service-kit's idempotent_response for every POST now.
DROP TABLE idempotent_request;
