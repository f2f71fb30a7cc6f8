# douyin-sandbox as a container image (docs/container.md): the compiled server on the official Node 20 slim image.
#
#   docker build -t douyin-sandbox .
#   docker run --rm -p 127.0.0.1:8787:8787 -v douyin-sandbox-data:/data douyin-sandbox
#
# Needs BuildKit (the default builder since Docker 23; Docker 20.10: DOCKER_BUILDKIT=1). Behind a TLS-inspecting
# proxy, give npm the proxy's CA bundle as a build secret; it is mounted for the npm steps only and is in no layer:
#   docker build --secret id=npm_ca,src="$(npm config get cafile)" -t douyin-sandbox .
# A registry mirror of the base image: --build-arg NODE_IMAGE=mirror.example/library/node:20-bookworm-slim

ARG NODE_IMAGE=node:20-bookworm-slim

# Every dependency, dev ones included, to compile. --ignore-scripts: the sources are not copied yet (a `prepare`
# script would fail) and the compiler needs no install script.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=secret,id=npm_ca --mount=type=cache,target=/root/.npm \
    if [ -s /run/secrets/npm_ca ]; then export NPM_CONFIG_CAFILE=/run/secrets/npm_ca; fi; \
    npm ci --ignore-scripts --no-audit --no-fund

FROM deps AS build
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/build.mjs scripts/english-only-zod.mjs ./scripts/
COPY src ./src
COPY scenarios ./scenarios
RUN npm run build \
    && find dist \( -name '*.map' -o -name '*.d.ts' \) -delete \
    && mkdir /data

# The runtime dependencies alone, installed apart so that the shipped stage runs no npm and sees no secret.
FROM ${NODE_IMAGE} AS runtime-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=secret,id=npm_ca --mount=type=cache,target=/root/.npm \
    if [ -s /run/secrets/npm_ca ]; then export NPM_CONFIG_CAFILE=/run/secrets/npm_ca; fi; \
    npm ci --omit=dev --ignore-scripts --no-audit --no-fund

FROM ${NODE_IMAGE}
# Every flag of `douyin-sandbox start` is a variable (docs/container.md lists them). Inside the container the
# server binds 0.0.0.0; it answers Host names that are loopback, IP addresses, and the names a container is
# reached by (service names and Docker's host names: none is on the public internet, so no DNS-rebinding page
# can use one; docs/container.md). To add a name, give the whole list in ALLOWED_HOSTS.
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8787 \
    DATA_FILE=/data/sandbox.json \
    ALLOWED_HOSTS=douyin-sandbox,sandbox,docker,host.docker.internal
WORKDIR /app
COPY --from=runtime-deps /app/node_modules ./node_modules
COPY package.json ./
COPY fixtures ./fixtures
COPY openapi ./openapi
COPY vendor ./vendor
COPY --from=build /app/dist ./dist
COPY --from=build --chown=node:node /data /data
USER node
VOLUME /data
EXPOSE 8787
# no curl in the slim image: node's fetch; 127.0.0.1 passes the Host check and /sandbox/health needs no token
HEALTHCHECK --interval=10s --timeout=3s --start-period=15s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8787)+'/sandbox/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node is PID 1 (exec form, no shell): it handles SIGTERM and SIGINT itself and exits within 2 s, data on disk.
# Arguments after the image name are flags of `douyin-sandbox start` (docker run … douyin-sandbox --memory).
ENTRYPOINT ["node", "--max-semi-space-size=8", "/app/dist/src/main.js"]
