package io.adamant.events;

import io.adamant.api.ServiceUnavailableException;

/** This instance opens no further live event stream: it is at its limit, or stopping. */
public class StreamsUnavailableException extends ServiceUnavailableException {

	private StreamsUnavailableException(String detail) {
		super(detail);
	}

	public static StreamsUnavailableException atLimit(int limit) {
		return new StreamsUnavailableException(
				"This instance already serves its limit of %d live event streams; try again later".formatted(limit));
	}

	public static StreamsUnavailableException stopping() {
		return new StreamsUnavailableException("This instance is shutting down; connect again to reach another one");
	}

}
