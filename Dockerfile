# The trainreport image, for the Kubernetes deployment (deploy/k8s/) or any container use:
#
#   docker build -t registry.example.com/trainreport:0.1.0 . && docker push registry.example.com/trainreport:0.1.0
#   docker run --rm -v "$PWD/runs:/runs:ro" -v "$PWD/out:/out" registry.example.com/trainreport:0.1.0 report /runs --output /out
#
# Written, not built here (no container engine on the development machine); the Swift test
# DeploymentManifestTests checks that it names the binary and runtime packages deploy/k8s relies on.

# Build: the Swift toolchain with Cairo and Pango headers; the Swift runtime and Foundation are
# linked statically, so the runtime image needs no toolchain.
ARG SWIFT_IMAGE=swift:6.3-bookworm
FROM ${SWIFT_IMAGE} AS build
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libcairo2-dev libpango1.0-dev zlib1g-dev pkg-config \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Sources, and Tests because the manifest declares the test targets (they are not built).
COPY Package.swift ./
COPY Sources Sources
COPY Tests Tests
COPY scripts/pkg-config-path.sh scripts/
RUN PKG_CONFIG_PATH="$(scripts/pkg-config-path.sh)" swift build -c release --static-swift-stdlib --product trainreport \
    && install -D -m 755 "$(swift build -c release --show-bin-path)/trainreport" /out/usr/local/bin/trainreport \
    && strip --strip-unneeded /out/usr/local/bin/trainreport

# Run: slim Debian with the libraries the binary links (Cairo, Pango, HarfBuzz, GLib) and the
# DejaVu fonts reports are drawn with.
FROM debian:bookworm-slim
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        libcairo2 libpango-1.0-0 libpangocairo-1.0-0 libharfbuzz0b libglib2.0-0 zlib1g libstdc++6 fontconfig fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --uid 10001 --user-group --home-dir /tmp --no-create-home trainreport
COPY --from=build /out/usr/local/bin/trainreport /usr/local/bin/trainreport
# Fontconfig's cache goes to $HOME (/tmp: a writable emptyDir under a read-only root file system).
ENV HOME=/tmp
USER 10001:10001
ENTRYPOINT ["/usr/local/bin/trainreport"]
CMD ["--help"]
