# A small image with accord and its built-in rule packs (inside the binary):
#   docker build -t accord .
#   docker run --rm -v "$PWD:/work" -w /work accord check briefs/
FROM swift:6.3-bookworm AS build
WORKDIR /src
COPY . .
RUN swift build -c release --static-swift-stdlib --traits ThreadCache \
 && .build/release/accord man > accord.1

# The binary needs glibc and libstdc++ (RUNTIME.txt of a release says which versions), both in
# Debian 12's slim image; nothing else.
FROM debian:bookworm-slim
COPY --from=build /src/.build/release/accord /usr/local/bin/accord
COPY --from=build /src/accord.1 /usr/local/share/man/man1/accord.1
RUN accord --version
WORKDIR /work
ENTRYPOINT ["accord"]
CMD ["check", "."]
