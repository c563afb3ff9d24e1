# syntax=docker/dockerfile:1
# One image for every service of the platform. SERVICE (build arg, and env at run time) picks the service:
#   docker build -t credit-platform:dev .
#   docker run --read-only --tmpfs /tmp -e SERVICE=objection -e DATABASE_URL=postgres://… credit-platform:dev
# There is no build step yet: the image ships the TypeScript sources and runs them through tools/register.js
# (SWC compiles on load; its cache goes to os.tmpdir(), i.e. /tmp, so /tmp must be writable). Nothing is
# written under /app at run time, so the root file system can be read-only.
ARG NODE_IMAGE=node:20-bookworm-slim

# --- deps: production dependencies only, exactly as the lock file pins them ----------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# `npm install`, not `npm ci`: the lock file written by npm 11 lacks other platforms' optional binaries and
# `npm ci` rejects it (see .ci/run). --omit=dev still installs `typescript`: it is a peer dependency of
# @swc-node/register, which needs it at run time to read tsconfig.json. --ignore-scripts: none of the
# production install scripts is needed (@swc/core's only checks its native binding, which comes from the
# lock file's @swc/core-linux-<arch>-gnu package; protobufjs' only prints a notice).
RUN npm install --omit=dev --ignore-scripts --no-audit --no-fund \
 && npm cache clean --force

# --- runtime -------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
LABEL org.opencontainers.image.title="credit-platform" \
      org.opencontainers.image.description="公共信用信息平台 / public credit information platform: one image, SERVICE selects the service" \
      org.opencontainers.image.licenses="Apache-2.0"
ENV NODE_ENV=production \
    HOST=0.0.0.0
WORKDIR /app
# A fixed non-root uid/gid (10001) that Kubernetes' runAsUser/fsGroup and compose's user can name.
RUN groupadd --system --gid 10001 credit \
 && useradd --system --uid 10001 --gid credit --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin credit
# Everything below stays owned by root and read-only for the service user.
COPY --from=deps /app/node_modules ./node_modules
COPY package.json tsconfig.json tsconfig.base.json ./
COPY tools/register.js tools/admin.ts tools/migrate.ts tools/replay.ts tools/check-log-verify.ts ./tools/
COPY tools/migrations/services.ts ./tools/migrations/
COPY proto ./proto
COPY libs ./libs
COPY services ./services
ARG SERVICE=gateway
ENV SERVICE=${SERVICE}
USER 10001:10001
# gateway 3000; record-collection 3001 + 50051; credit-check 3002 + 50052; joint-reward-punishment 3004 + 50054;
# credit-repair 3005 + 50055; objection 3006 + 50056 (HTTP_PORT / GRPC_PORT override).
EXPOSE 3000
# sh -c only to expand $SERVICE; exec makes node PID 1 so SIGTERM reaches its graceful shutdown.
CMD ["/bin/sh", "-c", "exec node -r ./tools/register.js \"services/${SERVICE}/src/main.ts\""]
