-- Each service owns its database (ARCHITECTURE.md); their tables are made by the services' migrations.
CREATE DATABASE request;
CREATE DATABASE volunteer;
CREATE DATABASE member;
