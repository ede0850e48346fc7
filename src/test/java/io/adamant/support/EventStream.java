package io.adamant.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;

/**
 * A client of a server-sent event stream, as a browser's {@code EventSource} reads it: a
 * thread parses the response line by line into events, which the test takes in order.
 */
public final class EventStream implements AutoCloseable {

	private static final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	/** Queued after the last event when the server ended the stream. */
	private static final Event END = new Event(null, null, null);

	private final HttpResponse<InputStream> response;

	private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

	private final AtomicInteger comments = new AtomicInteger();

	private final String errorBody;

	private EventStream(HttpResponse<InputStream> response) {
		this.response = response;
		if (response.statusCode() == 200) {
			this.errorBody = null;
			Thread reader = new Thread(this::readUntilEnd, "sse-reader");
			reader.setDaemon(true);
			reader.start();
		}
		else {
			this.errorBody = readAll(response.body());
		}
	}

	/**
	 * Opens {@code path} of the service with {@code Accept: text/event-stream}.
	 * @param lastEventId the {@code Last-Event-ID} to resume after, or null
	 */
	public static EventStream open(Api api, String path, String lastEventId) {
		HttpRequest.Builder request = api.request(path).header("Accept", "text/event-stream");
		if (lastEventId != null) {
			request.header("Last-Event-ID", lastEventId);
		}
		try {
			return new EventStream(http.send(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public int status() {
		return this.response.statusCode();
	}

	public String header(String name) {
		return this.response.headers().firstValue(name).orElse(null);
	}

	/** The body of a response that was not a stream (a problem), parsed. */
	public JsonNode problem() {
		return Api.parse(this.errorBody);
	}

	/** Comment lines (heartbeats) received so far. */
	public int comments() {
		return this.comments.get();
	}

	/**
	 * The next event, or null once the server has ended the stream.
	 * @throws AssertionError if none comes within {@code timeout}
	 */
	public Event next(Duration timeout) {
		try {
			Event event = this.events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
			if (event == null) {
				throw new AssertionError("No event within " + timeout);
			}
			if (event == END) {
				this.events.add(END);
				return null;
			}
			return event;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Every further event until the server ends the stream, which must be within timeout.
	 */
	public List<Event> readToEnd(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		List<Event> read = new ArrayList<>();
		for (Event event = next(timeout); event != null; event = next(Duration.ofNanos(deadline - System.nanoTime()))) {
			read.add(event);
		}
		return read;
	}

	/** Drops the connection, as a client that goes away does. */
	@Override
	public void close() {
		try {
			this.response.body().close();
		}
		catch (IOException ex) {
			// the connection is gone either way
		}
	}

	/** The event stream format: fields until a blank line, which dispatches the event. */
	private void readUntilEnd() {
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(this.response.body(), StandardCharsets.UTF_8))) {
			EventBuilder event = new EventBuilder();
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				if (line.isEmpty()) {
					event.dispatchTo(this.events);
					event = new EventBuilder();
				}
				else if (line.startsWith(":")) {
					this.comments.incrementAndGet();
				}
				else {
					event.field(line);
				}
			}
		}
		catch (IOException ex) {
			// closed by the test, or the server went away: the stream has ended
		}
		finally {
			this.events.add(END);
		}
	}

	private static String readAll(InputStream body) {
		try (body) {
			return new String(body.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * One event.
	 *
	 * @param id its {@code id:} field
	 * @param name its {@code event:} field
	 * @param data its {@code data:} lines, joined by newlines
	 */
	public record Event(String id, String name, String data) {

		public JsonNode json() {
			return Api.parse(this.data);
		}

		public long numericId() {
			return Long.parseLong(this.id);
		}

	}

	private static final class EventBuilder {

		private String id;

		private String name;

		private StringBuilder data;

		void field(String line) {
			int colon = line.indexOf(':');
			String field = colon < 0 ? line : line.substring(0, colon);
			String value = colon < 0 ? "" : line.substring(colon + 1);
			if (value.startsWith(" ")) {
				value = value.substring(1);
			}
			switch (field) {
				case "id" -> this.id = value;
				case "event" -> this.name = value;
				case "data" ->
					this.data = (this.data == null) ? new StringBuilder(value) : this.data.append('\n').append(value);
				default -> {
					// retry and unknown fields do not matter here
				}
			}
		}

		void dispatchTo(BlockingQueue<Event> events) {
			if (this.data != null) {
				events.add(new Event(this.id, this.name, this.data.toString()));
			}
		}

	}

}
