# syntax=docker/dockerfile:1
# Build: docker build -t adamant .
# Run:   docker run -p 8080:8080 \
#          -e SPRING_DATASOURCE_URL=jdbc:postgresql://db:5432/adamant \
#          -e SPRING_DATASOURCE_USERNAME=adamant -e SPRING_DATASOURCE_PASSWORD=secret \
#          -e ADAMANT_SECURITY_BOOTSTRAP_ADMIN_KEY=<a long random secret> adamant
# Without ADAMANT_SECURITY_BOOTSTRAP_ADMIN_KEY the first start prints a generated admin key in the log.
# GPU image (CUDA 11.6 backend; run with --gpus all on a host with the NVIDIA container toolkit):
#   docker build -t adamant:cuda --build-arg MAVEN_PROFILES=-Pcuda \
#     --build-arg RUNTIME_IMAGE=nvidia/cuda:11.6.2-cudnn8-runtime-ubuntu20.04 .
# Without SPRING_DATASOURCE_URL the container runs its own embedded PostgreSQL in /app/data
# (mount a volume there to keep it).

ARG RUNTIME_IMAGE=eclipse-temurin:17-jre-jammy

FROM eclipse-temurin:17-jdk-jammy AS build
ARG MAVEN_PROFILES=
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -q $MAVEN_PROFILES dependency:go-offline
COPY src src
COPY db db
# the tests (and the test client generated from the OpenAPI document) are not built here
RUN ./mvnw -B -q $MAVEN_PROFILES package -Dmaven.test.skip=true && cp target/adamant-*.jar /src/adamant.jar

# glibc-based runtime: ND4J's native libraries do not run on musl (Alpine)
FROM ${RUNTIME_IMAGE}
# the CUDA base images come without Java
RUN command -v java >/dev/null || (apt-get update && apt-get install -y --no-install-recommends \
      openjdk-17-jre-headless && rm -rf /var/lib/apt/lists/*)
RUN groupadd --system adamant && useradd --system --gid adamant --home-dir /app adamant \
    && mkdir -p /app/data && chown -R adamant:adamant /app
WORKDIR /app
COPY --from=build /src/adamant.jar /app/adamant.jar
USER adamant
ENV ADAMANT_EMBEDDED_DATABASE_DATA_DIRECTORY=/app/data/postgres \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=50 -XX:MaxGCPauseMillis=20 -XX:MaxNewSize=64m"
EXPOSE 8080
VOLUME /app/data
# probes: /actuator/health/liveness and /actuator/health/readiness
ENTRYPOINT ["java", "-jar", "/app/adamant.jar"]
