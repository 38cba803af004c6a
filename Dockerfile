# syntax=docker/dockerfile:1
#
# The messaging API as a production image. Build: docker build -t messaging-api .
# (docker compose up --build does this too, and starts PostgreSQL beside it.)
# Run it with at least DATABASE_URL, JWT_SECRET and PUBLIC_URL: production refuses to start without
# the last two (docker-compose.yml passes them).
#
# Stages: build (every dependency, same install and build commands as CI) -> prod-deps (runtime
# dependencies only) -> runtime (those dependencies plus the compiled output; no sources, no
# compilers, no dev tools).

FROM node:20-bookworm-slim AS build
WORKDIR /app
# No telemetry or install-time analytics from the build tools.
ENV TURBO_TELEMETRY_DISABLED=1 \
    SCARF_ANALYTICS=false
# Manifests first: the install layer is reused until a dependency changes. Every workspace's
# package.json is needed, because npm ci checks the lockfile against all of them.
COPY package.json package-lock.json ./
COPY packages/shared/package.json packages/shared/
COPY apps/api/package.json apps/api/
COPY packages/sdk/package.json packages/sdk/
COPY packages/sdk-python/package.json packages/sdk-python/
COPY bench/package.json bench/
RUN npm ci
COPY . .
# The API and the workspaces it depends on, and the SDK for the /demo/ page's browser build (without
# Java in this image the SDK keeps its committed generated client; nothing is regenerated).
RUN npx turbo run build --filter=@messaging-app/api... --filter=@messaging-app/sdk

FROM node:20-bookworm-slim AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/shared/package.json packages/shared/
COPY apps/api/package.json apps/api/
COPY packages/sdk/package.json packages/sdk/
COPY packages/sdk-python/package.json packages/sdk-python/
COPY bench/package.json bench/
# A separate install rather than pruning the build stage's, so no dev-only file can slip through.
RUN npm ci --omit=dev && npm cache clean --force

FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
# Manifests and every node_modules folder, wherever npm placed them (workspace links included).
COPY --from=prod-deps /app ./
COPY --from=build /app/packages/shared/dist packages/shared/dist
COPY --from=build /app/apps/api/dist apps/api/dist
# The /demo/ page: its static files and the SDK's browser build (DEMO_PAGE=false turns it off).
COPY --from=build /app/apps/api/public apps/api/public
COPY --from=build /app/packages/sdk/dist/browser packages/sdk/dist/browser
# The API serves the OpenAPI document from <repo>/openapi at run time (SPEC_PATH in apps/api/src/app/create-app.ts).
COPY --from=build /app/openapi openapi
# The code stays root-owned and read-only to the app; only these folders are writable by it.
# .data is for the embedded database, used when DATABASE_URL is unset (docker run without compose);
# media and static are mounted as named volumes by docker-compose.yml and start out with this owner.
# (The admin panel writes nothing: its component bundle is built with the API, in apps/api/dist.)
RUN mkdir -p .data media static && chown node:node .data media static
USER node
EXPOSE 3000
# node's built-in fetch, so the slim image needs no curl.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Migrations run on start-up; SIGTERM from docker stop triggers a graceful shutdown.
CMD ["node", "apps/api/dist/main.js"]
