# Countcast operator image.
#
# NOT BUILT OR RUN HERE: Docker cannot run on the machine this file was written on, so this
# Dockerfile has never been built. Build it with:
#   docker build -t ghcr.io/countcast/countcast:0.1.0 .
# and check it before publishing (e.g. `docker run --rm IMAGE --help`).

# --- build stage: the shaded jar target/countcast.jar ---
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# Wrapper and POM first, so the dependency layer is reused while only sources change.
COPY mvnw pom.xml ./
COPY .mvn .mvn
# The POM reads tools/control-plane/versions.env (properties-maven-plugin).
COPY tools/control-plane/versions.env tools/control-plane/versions.env
RUN ./mvnw -B -q dependency:go-offline || true
COPY src src
# -Dexec.skip: the CLI's class-data archive (scripts/cds-archive.sh) is not for the image.
RUN ./mvnw -B -q package -DskipTests -Dexec.skip

# --- runtime stage ---
FROM eclipse-temurin:17-jre
# 65532 is the conventional "nonroot" uid; the Deployment's runAsUser matches it.
RUN groupadd --system --gid 65532 countcast \
 && useradd --system --uid 65532 --gid 65532 --no-create-home --shell /usr/sbin/nologin countcast
COPY --from=build /src/target/countcast.jar /app/countcast.jar
USER 65532:65532
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/countcast.jar"]
CMD ["operator"]
