package io.adamant.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for the running service: tests speak to it as any client would. */
public final class Api {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	/**
	 * The admin key every test service creates at its first start (test resources'
	 * config).
	 */
	public static final String ADMIN_KEY = "adk_test-admin-key-for-the-test-suite-only";

	private final String base;

	private final String key;

	/** The API as the test admin. */
	public Api(int port) {
		this("http://localhost:" + port, ADMIN_KEY);
	}

	private Api(String base, String key) {
		this.base = base;
		this.key = key;
	}

	/** The same service with another API key; {@code null} sends none. */
	public Api withKey(String key) {
		return new Api(this.base, key);
	}

	/**
	 * Creates a user key for {@code owner} (with the admin key) and returns its secret.
	 */
	public String createUserKey(String owner) {
		return createKey(owner, "user", "");
	}

	/**
	 * Creates a key and returns its secret.
	 * @param extra more JSON members, e.g. {@code ,"quotas":{"maxEpochs":5}}
	 */
	public String createKey(String owner, String role, String extra) {
		Response created = post("/api/v1/admin/keys",
				"{\"name\":\"test key\",\"owner\":\"%s\",\"role\":\"%s\"%s}".formatted(owner, role, extra));
		if (created.status() != 201) {
			throw new AssertionError("Key not created: " + created.status() + " " + created.body());
		}
		return created.body().path("key").asString();
	}

	public Response get(String path) {
		return send(HttpRequest.newBuilder(uri(path)).GET());
	}

	/** Posts JSON with extra request headers, given as name, value, name, value… */
	public Response post(String path, String body, String... headers) {
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.headers(headers.length == 0 ? new String[] { "Accept", "application/json" } : headers)
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	/** A response body as text, for endpoints that answer something other than JSON. */
	public String text(String path) {
		return exchange(HttpRequest.newBuilder(uri(path)).GET(), HttpResponse.BodyHandlers.ofString()).body();
	}

	public Response post(String path) {
		return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()));
	}

	public Response delete(String path) {
		return send(HttpRequest.newBuilder(uri(path)).DELETE());
	}

	/** Posts a {@code multipart/form-data} body, as a browser form or curl's -F does. */
	public Response postMultipart(String path, Multipart form) {
		String boundary = "adamant-test-" + UUID.randomUUID();
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(form.encode(boundary))));
	}

	public HttpResponse<byte[]> download(String path) {
		return exchange(HttpRequest.newBuilder(uri(path)).GET(), HttpResponse.BodyHandlers.ofByteArray());
	}

	/** A job's checkpoint of {@code kind} (the latest, if several), or a missing node. */
	public JsonNode checkpoint(String jobId, String kind) {
		JsonNode found = json.missingNode();
		for (JsonNode checkpoint : get("/api/v1/jobs/" + jobId + "/checkpoints?size=200").body().path("items")) {
			if (checkpoint.path("kind").asString().equals(kind)) {
				found = checkpoint;
			}
		}
		return found;
	}

	/** The names of the datasets this key sees, built-in and uploaded. */
	public List<String> datasetNames() {
		return get("/api/v1/datasets?size=200").body()
			.path("items")
			.valueStream()
			.map(dataset -> dataset.path("name").asString())
			.toList();
	}

	/** Submits a job spec and returns the accepted job. */
	public JsonNode submit(String spec) {
		Response response = post("/api/v1/jobs", spec);
		if (response.status() != 202) {
			throw new AssertionError("Submission refused: " + response.status() + " " + response.body());
		}
		return response.body();
	}

	/** Polls a job until {@code condition} holds, or fails after {@code timeout}. */
	public JsonNode awaitJob(String id, Predicate<JsonNode> condition, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		JsonNode job = get("/api/v1/jobs/" + id).body();
		while (!condition.test(job)) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Job " + id + " did not reach the expected state in " + timeout + ": " + job);
			}
			sleep(50);
			job = get("/api/v1/jobs/" + id).body();
		}
		return job;
	}

	/** Polls until the job has ended and returns it. */
	public JsonNode awaitFinished(String id, Duration timeout) {
		return awaitJob(id, job -> switch (job.path("status").asString()) {
			case "SUCCEEDED", "FAILED", "CANCELLED", "DIVERGED" -> true;
			default -> false;
		}, timeout);
	}

	public static JsonNode parse(String text) {
		return json.readTree(text);
	}

	private Response send(HttpRequest.Builder request) {
		HttpResponse<String> response = exchange(request, HttpResponse.BodyHandlers.ofString());
		JsonNode body = response.body().isBlank() ? json.missingNode() : json.readTree(response.body());
		return new Response(response.statusCode(), body, response.headers());
	}

	/** A request to {@code path} with this API's key, for clients of their own. */
	public HttpRequest.Builder request(String path) {
		return authorized(HttpRequest.newBuilder(uri(path)));
	}

	private HttpRequest.Builder authorized(HttpRequest.Builder request) {
		return this.key == null ? request : request.header("Authorization", "Bearer " + this.key);
	}

	private <T> HttpResponse<T> exchange(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) {
		authorized(request);
		try {
			return this.http.send(request.timeout(Duration.ofSeconds(30)).build(), handler);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The absolute address of {@code path} on the service. */
	public URI uri(String path) {
		return URI.create(this.base + path);
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The parts of a {@code multipart/form-data} body, in order. */
	public static final class Multipart {

		private final List<Part> parts = new ArrayList<>();

		public Multipart field(String name, String value) {
			this.parts.add(new Part(name, null, value.getBytes(StandardCharsets.UTF_8)));
			return this;
		}

		public Multipart file(String name, String filename, byte[] content) {
			this.parts.add(new Part(name, filename, content));
			return this;
		}

		public Multipart file(String name, String filename, String content) {
			return file(name, filename, content.getBytes(StandardCharsets.UTF_8));
		}

		/** The body as RFC 7578 lays it out: each part after a boundary line. */
		byte[] encode(String boundary) {
			java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
			for (Part part : this.parts) {
				StringBuilder head = new StringBuilder("--").append(boundary)
					.append("\r\nContent-Disposition: form-data; name=\"")
					.append(part.name())
					.append('"');
				if (part.filename() != null) {
					head.append("; filename=\"").append(part.filename()).append("\"\r\nContent-Type: text/csv");
				}
				head.append("\r\n\r\n");
				body.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
				body.writeBytes(part.content());
				body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
			}
			body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
			return body.toByteArray();
		}

		private record Part(String name, String filename, byte[] content) {
		}

	}

	/**
	 * @param status HTTP status
	 * @param body parsed JSON body (a missing node when empty)
	 * @param headers response headers
	 */
	public record Response(int status, JsonNode body, java.net.http.HttpHeaders headers) {

		public String header(String name) {
			return this.headers.firstValue(name).orElse(null);
		}

	}

}
