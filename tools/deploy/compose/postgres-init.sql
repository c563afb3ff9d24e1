-- docker-compose.yml only: runs once, when the postgres volume is first initialised (as POSTGRES_USER,
-- connected to POSTGRES_DB=credit). One login role per service, each owning its own schema
-- (docs/ARCHITECTURE.md: a service reads and writes only its own schema). Passwords equal the role names:
-- a laptop set-up, never a real one. Production: docs/OPERATIONS.md, "Database roles".
CREATE ROLE record_collection       LOGIN PASSWORD 'record_collection';
CREATE ROLE credit_check            LOGIN PASSWORD 'credit_check';
CREATE ROLE gateway                 LOGIN PASSWORD 'gateway';
CREATE ROLE joint_reward_punishment LOGIN PASSWORD 'joint_reward_punishment';
CREATE ROLE credit_repair           LOGIN PASSWORD 'credit_repair';
CREATE ROLE objection               LOGIN PASSWORD 'objection';
CREATE ROLE provincial_exchange     LOGIN PASSWORD 'provincial_exchange';

REVOKE ALL ON DATABASE credit FROM PUBLIC;
REVOKE ALL ON SCHEMA public FROM PUBLIC;
-- CREATE on the database: each service runs `CREATE SCHEMA IF NOT EXISTS <its schema>` at start
-- (libs/database ensureSchema), which PostgreSQL checks even when the schema exists.
GRANT CONNECT, CREATE ON DATABASE credit
  TO record_collection, credit_check, gateway, joint_reward_punishment, credit_repair, objection, provincial_exchange;

CREATE SCHEMA record_collection       AUTHORIZATION record_collection;
CREATE SCHEMA credit_check            AUTHORIZATION credit_check;
CREATE SCHEMA gateway                 AUTHORIZATION gateway;
CREATE SCHEMA joint_reward_punishment AUTHORIZATION joint_reward_punishment;
CREATE SCHEMA credit_repair           AUTHORIZATION credit_repair;
CREATE SCHEMA objection               AUTHORIZATION objection;
CREATE SCHEMA provincial_exchange     AUTHORIZATION provincial_exchange;
